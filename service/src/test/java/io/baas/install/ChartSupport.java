package io.baas.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders charts with a real Helm (helm-java) and parses what comes out. */
final class ChartSupport {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path CHART = REPO.resolve("helm/ks-baas");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Deterministic YAML for the generated chart files: keys sorted, no document start marker. */
    static final ObjectMapper GENERATED = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ChartSupport() {
    }

    /**
     * Renders as {@code helm template} would. The trial PostgreSQL's password is set unless the values
     * set it: left empty, the chart looks up the Secret of an earlier release to keep it across
     * upgrades, and helm-java's template (unlike the helm CLI's) then tries to reach a cluster.
     */
    static List<JsonNode> render(Path chart, String namespace, Map<String, String> values) {
        TemplateCommand command = new Helm(chart).template().withName("ks-baas").withNamespace(namespace).withKubeVersion("1.30.0");
        if (values.keySet().stream().noneMatch(k -> k.endsWith("postgresql.password"))) {
            command.set(chart.endsWith("ks-baas") ? "postgresql.password" : "backend.postgresql.password", "trial-password");
        }
        values.forEach(command::set);
        return parse(command.call());
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try {
            for (JsonNode node : YAML.readValues(YAML.getFactory().createParser(yaml), JsonNode.class).readAll()) {
                if (node != null && node.isObject() && node.has("kind")) {
                    objects.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static JsonNode one(List<JsonNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    /**
     * {@code templates/kubesphere-roletemplates.yaml}: KubeSphere 4 RoleTemplates and Categories (with
     * kubesphere.version "4") and 3.x role templates (with "3"), all from the permission table.
     */
    static String roleTemplatesFile() {
        StringBuilder out = new StringBuilder();
        out.append("{{- /* Generated from io.baas.iam.permission.PermissionTable by HelmChartTest; do not edit.\n")
                .append("       Regenerate: ./mvnw test -pl service -Dtest=HelmChartTest -Dwrite.chart=true */}}\n")
                .append("{{- if include \"ks-baas.isV4\" . }}\n");
        List<GenericKubernetesResource> v4 = new ArrayList<>(RoleTemplateCatalog.categories());
        v4.addAll(RoleTemplateCatalog.roleTemplates());
        documents(out, v4);
        out.append("{{- else }}\n");
        documents(out, RoleTemplateCatalog.v3RoleTemplates());
        out.append("{{- end }}\n");
        return out.toString();
    }

    private static void documents(StringBuilder out, List<GenericKubernetesResource> objects) {
        for (GenericKubernetesResource object : objects) {
            try {
                out.append("---\n").append(GENERATED.writeValueAsString(GENERATED.convertValue(object, Object.class)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
