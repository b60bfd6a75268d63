package io.baas.install;

import static io.baas.install.ChartSupport.CHART;
import static io.baas.install.ChartSupport.REPO;
import static io.baas.install.ChartSupport.YAML;
import static io.baas.install.ChartSupport.one;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** installer/ks-installer-patch: valid YAML, the tasks and variables its README documents, templates that render. */
class KsInstallerPatchTest {

    private static final Path PATCH = REPO.resolve("installer/ks-installer-patch");
    private static final Path ROLE = PATCH.resolve("roles/baas");

    @Test
    void everyYamlFileParses() throws IOException {
        try (Stream<Path> files = Files.walk(PATCH)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(4);
            for (Path file : yaml) {
                assertThat(YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class).readAll())
                        .as(file.toString()).isNotEmpty();
            }
        }
        JsonNode playbook = YAML.readTree(PATCH.resolve("playbooks/baas.yaml").toFile());
        assertThat(playbook.at("/0/roles").toString()).contains("\"baas\"");
        assertThat(Files.readString(PATCH.resolve("Dockerfile")))
                .contains("FROM ${KS_INSTALLER_IMAGE}", "/kubesphere/playbooks/baas.yaml", "roles/baas", "helm/ks-baas");
    }

    @Test
    void theTasksAreThoseTheReadmeDocuments() throws IOException {
        List<String> tasks = new ArrayList<>();
        YAML.readTree(ROLE.resolve("tasks/main.yaml").toFile()).forEach(t -> tasks.add(t.path("name").asText()));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `(ks-baas \\\\\\| [^`]+)` \\|").matcher(section("## Tasks"));
        while (m.find()) {
            documented.add(m.group(1).replace("\\|", "|"));
        }
        assertThat(tasks).isNotEmpty().containsExactlyElementsOf(documented);
        String text = Files.readString(ROLE.resolve("tasks/main.yaml"));
        assertThat(text).contains("helm upgrade --install", "kubectl patch cc ks-installer", "--type merge", "status-patch.json.j2");
        // ks-installer's image has its tools in bin_dir (kubesphere-defaults), as its own roles call them.
        assertThat(Pattern.compile("(?<!/)\\b(kubectl|helm) ").matcher(text).results().map(r -> r.group())).isEmpty();
        assertThat(text).contains("{{ bin_dir }}/helm upgrade --install", "{{ bin_dir }}/kubectl patch cc ks-installer");
        // The copy task's src resolves in the role's files/, where the Dockerfile puts the chart.
        assertThat(Files.readString(PATCH.resolve("Dockerfile"))).contains("COPY helm/ks-baas /kubesphere/installer/roles/baas/files/ks-baas");
        assertThat(text).contains("src: ks-baas");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theVariablesAreThoseTheReadmeDocuments() throws IOException {
        Map<String, Object> defaults = YAML.readValue(ROLE.resolve("defaults/main.yaml").toFile(), Map.class);
        Set<String> variables = new TreeSet<>();
        flatten("baas", (Map<String, Object>) defaults.get("baas_defaults"), variables);
        defaults.keySet().stream().filter(k -> !k.equals("baas_defaults")).forEach(variables::add);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`([a-z_]+(?:\\.[A-Za-z]+)*)`").matcher(section("## Variables").lines()
                .filter(l -> l.startsWith("| `")).map(l -> l.substring(0, l.indexOf(" | ", 2))).reduce("", String::concat));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).isEqualTo(variables);
    }

    /** The values template, filled from sample spec.baas values, gives values the chart renders with. */
    @Test
    void theTemplatesRenderWithSampleValuesIntoValuesTheChartAccepts(@TempDir Path dir) throws IOException {
        Map<String, Object> sample = sampleConfig();
        Jinjava jinja = new Jinjava();
        String values = jinja.render(Files.readString(ROLE.resolve("templates/values.yaml.j2")), sample);
        Path valuesFile = dir.resolve("values.yaml");
        Files.writeString(valuesFile, values);
        JsonNode parsed = YAML.readTree(values);
        assertThat(parsed.at("/kubesphere/version").asText()).isEqualTo("3");
        assertThat(parsed.at("/postgresql/enabled").asBoolean()).isFalse();
        assertThat(parsed.at("/ingress/host").asText()).isEqualTo("console.example.com");

        List<JsonNode> objects = ChartSupport.parse(new Helm(CHART).template().withName("ks-baas").withNamespace("kubesphere-system")
                .withKubeVersion("1.26.0").withValuesFile(valuesFile).call());
        assertThat(HelmChartTest.properties(objects)).containsEntry("baas.iam.kubesphere-version", "V3")
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://pg.example.internal:5432/baas")
                .containsEntry("baas.platform.storage-class-name", "ceph");
        assertThat(one(objects, "Deployment", "ks-baas").at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/kubesphere/ks-baas:0.1.1");
        assertThat(one(objects, "Ingress", "ks-baas").at("/spec/rules/0/host").asText()).isEqualTo("console.example.com");
        assertThat(parsed.at("/iam").isMissingNode()).as("no jwtSecret given: the service follows KubeSphere's").isTrue();
        assertThat(HelmChartTest.env(one(objects, "Deployment", "ks-baas").at("/spec/template/spec/containers/0")))
                .doesNotContainKey("BAAS_IAM_JWT_SECRET");
        assertThat(ChartSupport.ofKind(objects, "WorkspaceRole")).isNotEmpty();

        JsonNode status = YAML.readTree(jinja.render(Files.readString(ROLE.resolve("templates/status-patch.json.j2")), sample));
        assertThat(status.at("/status/baas/status").asText()).isEqualTo("enabled");
        assertThat(status.at("/status/baas/enabledTime").asText()).isEqualTo("2026-01-02T03:04:05UTC");
        JsonNode clusterRolePatch = YAML.readTree(jinja.render(
                Files.readString(ROLE.resolve("templates/installer-clusterrole-patch.json.j2")), sample));
        assertThat(clusterRolePatch.at("/0/value/apiGroups/0").asText()).isEqualTo("baas.io");

        sample.put("baas_config", withJwtSecret((Map<String, Object>) sample.get("baas_config")));
        JsonNode withSecret = YAML.readTree(jinja.render(Files.readString(ROLE.resolve("templates/values.yaml.j2")), sample));
        assertThat(withSecret.at("/iam/jwtSecret/value").asText()).isEqualTo("s3cret");
        assertThat(withSecret.at("/iam/jwtSecret/existingSecret").isMissingNode()).isTrue();
    }

    /** spec.baas: {enabled: true} alone, as the README's first step does: no host, so no Ingress, and the chart installs. */
    @SuppressWarnings("unchecked")
    @Test
    void theDefaultsWithoutAHostInstall(@TempDir Path dir) throws IOException {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> config = YAML.convertValue(
                YAML.readValue(ROLE.resolve("defaults/main.yaml").toFile(), Map.class).get("baas_defaults"), LinkedHashMap.class);
        config.put("enabled", true);
        vars.put("baas_config", config);
        String values = new Jinjava().render(Files.readString(ROLE.resolve("templates/values.yaml.j2")), vars);
        JsonNode parsed = YAML.readTree(values);
        assertThat(parsed.at("/ingress/enabled").asBoolean()).isFalse();
        assertThat(parsed.at("/networkPolicy/extraFrom").isMissingNode()).isTrue();
        Path valuesFile = dir.resolve("values.yaml");
        Files.writeString(valuesFile, values);
        List<JsonNode> objects = ChartSupport.parse(new Helm(CHART).template().withName("ks-baas").withNamespace("kubesphere-system")
                .withKubeVersion("1.26.0").withValuesFile(valuesFile).set("postgresql.password", "trial-password").call());
        assertThat(ChartSupport.ofKind(objects, "Ingress")).isEmpty();
        assertThat(ChartSupport.ofKind(objects, "Deployment")).isNotEmpty();
    }

    /** Passwords and the jwtSecret reach the chart's Secrets as given, whatever YAML would make of them unquoted. */
    @SuppressWarnings("unchecked")
    @Test
    void secretsWithQuotesColonsHashesAndALeadingStarStayAsGiven(@TempDir Path dir) throws IOException {
        String password = "*pa\"ss: #w0rd\\ & 'q' <x> {y} [z] |>%@`";
        String jwtSecret = "*jwt: \"#1\" - ? !tag ,";
        Map<String, Object> sample = sampleConfig();
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) sample.get("baas_config"));
        Map<String, Object> database = new LinkedHashMap<>((Map<String, Object>) config.get("database"));
        database.put("password", password);
        config.put("database", database);
        config.put("jwtSecret", jwtSecret);
        sample.put("baas_config", config);
        String values = new Jinjava().render(Files.readString(ROLE.resolve("templates/values.yaml.j2")), sample);
        JsonNode parsed = YAML.readTree(values);
        assertThat(parsed.at("/database/password").asText()).isEqualTo(password);
        assertThat(parsed.at("/iam/jwtSecret/value").asText()).isEqualTo(jwtSecret);

        Path valuesFile = dir.resolve("values.yaml");
        Files.writeString(valuesFile, values);
        List<JsonNode> objects = ChartSupport.parse(new Helm(CHART).template().withName("ks-baas").withNamespace("kubesphere-system")
                .withKubeVersion("1.26.0").withValuesFile(valuesFile).call());
        assertThat(decoded(one(objects, "Secret", "ks-baas-database").at("/data/password"))).isEqualTo(password);
        assertThat(decoded(one(objects, "Secret", "ks-baas-jwt").at("/data/jwt-secret"))).isEqualTo(jwtSecret);
    }

    private static String decoded(JsonNode base64) {
        return new String(java.util.Base64.getDecoder().decode(base64.asText()), java.nio.charset.StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleConfig() throws IOException {
        Map<String, Object> defaults = YAML.readValue(ROLE.resolve("defaults/main.yaml").toFile(), Map.class);
        Map<String, Object> config = YAML.convertValue(defaults.get("baas_defaults"), LinkedHashMap.class);
        config.put("enabled", true);
        ((Map<String, Object>) config.get("image")).putAll(Map.of("registry", "registry.example.com", "tag", "0.1.1"));
        ((Map<String, Object>) config.get("postgresql")).put("enabled", false);
        ((Map<String, Object>) config.get("database")).putAll(Map.of("host", "pg.example.internal", "password", "pw"));
        ((Map<String, Object>) config.get("ingress")).put("host", "console.example.com");
        ((Map<String, Object>) config.get("platform")).put("storageClassName", "ceph");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("baas_config", config);
        vars.put("baas_release", "ks-baas");
        vars.put("baas_enabled_time", "2026-01-02T03:04:05UTC");
        vars.put("baas_status", "enabled");
        return vars;
    }

    private static Map<String, Object> withJwtSecret(Map<String, Object> config) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        copy.put("jwtSecret", "s3cret");
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Set<String> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                flatten(prefix + "." + k, (Map<String, Object>) nested, out);
            } else {
                out.add(prefix + "." + k);
            }
        });
    }

    private static String section(String heading) throws IOException {
        String readme = Files.readString(PATCH.resolve("README.md"));
        int start = readme.indexOf(heading);
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length());
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }
}
