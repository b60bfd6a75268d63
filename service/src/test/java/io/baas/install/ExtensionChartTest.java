package io.baas.install;

import static io.baas.install.ChartSupport.REPO;
import static io.baas.install.ChartSupport.YAML;
import static io.baas.install.ChartSupport.find;
import static io.baas.install.ChartSupport.ofKind;
import static io.baas.install.ChartSupport.one;
import static io.baas.install.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.baas.iam.permission.RoleTemplateCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KubeSphere 4 extension helm/ks-baas-extension, assembled as ksbuilder does (links followed,
 * Chart.yaml from extension.yaml) and rendered by a real Helm.
 */
class ExtensionChartTest {

    private static final Path EXTENSION = REPO.resolve("helm/ks-baas-extension");
    private static final String NS = "extension-ksbaas";

    @TempDir
    static Path work;
    static Path chart;
    static JsonNode extension;

    @BeforeAll
    static void assemble() throws IOException {
        chart = work.resolve("ksbaas");
        copy(EXTENSION, chart);
        extension = YAML.readTree(EXTENSION.resolve("extension.yaml").toFile());
        ObjectNode chartYaml = YAML.createObjectNode();
        chartYaml.put("apiVersion", "v2");
        chartYaml.put("name", extension.path("name").asText());
        chartYaml.put("version", extension.path("version").asText());
        chartYaml.put("description", extension.at("/description/en").asText());
        chartYaml.put("kubeVersion", extension.path("kubeVersion").asText());
        chartYaml.set("dependencies", extension.path("dependencies"));
        YAML.writeValue(chart.resolve("Chart.yaml").toFile(), chartYaml);
    }

    @Test
    void extensionYamlHasWhatKubeSphereRequires() {
        assertThat(extension.path("name").asText()).matches("[a-z0-9]{1,32}");
        assertThat(extension.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        for (String field : List.of("/displayName/zh", "/displayName/en", "/description/zh", "/description/en", "/category",
                "/provider/en/name", "/icon", "/ksVersion", "/installationMode", "/staticFileDirectory")) {
            assertThat(extension.at(field).asText()).as(field).isNotBlank();
        }
        assertThat(extension.path("installationMode").asText()).isIn("HostOnly", "Multicluster");
        assertThat(EXTENSION.resolve(extension.path("icon").asText())).exists();
        assertThat(EXTENSION.resolve("charts/backend/Chart.yaml")).as("charts/backend links helm/ks-baas").exists();
    }

    @Test
    void theAssembledExtensionLints() {
        LintResult result = new Helm(chart).lint().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void itInstallsTheBackendBehindAnApiServiceWithItsPermissionsAndMenus() {
        List<JsonNode> objects = render(chart, NS, Map.of());
        assertThat(one(objects, "Deployment", "ks-baas").at("/metadata/namespace").asText()).isEqualTo(NS);
        assertThat(one(objects, "APIService", "v1.baas.io").at("/spec/url").asText()).isEqualTo("http://ks-baas.extension-ksbaas.svc:8080");
        assertThat(ofKind(objects, "RoleTemplate")).hasSameSizeAs(RoleTemplateCatalog.roleTemplates());
        assertThat(ofKind(objects, "Category")).hasSameSizeAs(RoleTemplateCatalog.categories());
        // By default the console loads the plugin the service itself serves (ConsolePluginBundleTest).
        JsonNode bundle = one(objects, "JSBundle", "v1alpha1.ksbaas");
        // Over plain http at the backend's Service: ks-apiserver 4.1 would fetch a rawFrom.service endpoint over https.
        assertThat(bundle.at("/spec/rawFrom/service").isMissingNode()).isTrue();
        assertThat(bundle.at("/spec/rawFrom/url").asText()).isEqualTo("http://ks-baas." + NS + ".svc:8080/dist/ks-baas/index.js");
        JsonNode backend = one(objects, "Service", "ks-baas");
        assertThat(backend.at("/metadata/namespace").asText()).isEqualTo(NS);
        assertThat(backend.at("/spec/ports").findValuesAsText("port")).contains("8080");
        // Menus only for the pages the plugin has (its src/index.js routes): the platform's, the workspace's and the project's.
        JsonNode entries = one(objects, "ExtensionEntry", "ksbaas-entries").at("/spec/entries");
        assertThat(entries.findValuesAsText("parent")).containsExactly("topbar", "workspace", "project");
        assertThat(entries.get(0).path("link").asText()).isEqualTo("/ksbaas/consortia");
        // After the console's Overview (order 0), which stays a workspace's and a project's landing page.
        assertThat(entries.get(1).path("order").asInt()).isPositive();
        assertThat(entries.get(2).path("order").asInt()).isPositive();
        assertThat(entries.get(1).path("children").findValuesAsText("name"))
                .containsExactly("ksbaas/organizations", "ksbaas/consortia", "ksbaas/invitations", "ksbaas/chaincodes", "ksbaas/notifications",
                        "ksbaas/audit");
        assertThat(entries.get(2).path("children").findValuesAsText("name")).containsExactly("ksbaas/nodes", "ksbaas/channels", "ksbaas/applications");
        assertThat(HelmChartTest.properties(objects)).containsEntry("baas.kubernetes.namespace", NS);
    }

    @Test
    void aConfiguredBundleUrlReplacesTheServedPlugin() {
        List<JsonNode> objects = render(chart, NS, Map.of("frontend.bundleUrl", "http://ks-baas-ui.extension-ksbaas.svc/dist/ksbaas/index.js"));
        JsonNode bundle = one(objects, "JSBundle", "v1alpha1.ksbaas");
        assertThat(bundle.at("/spec/rawFrom/url").asText()).isEqualTo("http://ks-baas-ui.extension-ksbaas.svc/dist/ksbaas/index.js");
        assertThat(bundle.at("/status/link").asText()).isEqualTo("/dist/ksbaas/index.js");
        assertThat(bundle.at("/spec/rawFrom/service").isMissingNode()).isTrue();
    }

    /** Every object the extension renders can be written by the Helm executor with permissions.yaml. */
    @Test
    void permissionsYamlCoversEverythingTheExtensionInstalls() throws IOException {
        List<JsonNode> permissions = YAML.readValues(YAML.getFactory().createParser(EXTENSION.resolve("permissions.yaml").toFile()),
                JsonNode.class).readAll();
        JsonNode clusterRole = permissions.stream().filter(p -> "ClusterRole".equals(p.path("kind").asText())).findFirst().orElseThrow();
        JsonNode role = permissions.stream().filter(p -> "Role".equals(p.path("kind").asText())).findFirst().orElseThrow();
        List<JsonNode> objects = render(chart, NS, Map.of("frontend.bundleUrl", "http://x/index.js",
                "backend.serviceMonitor.enabled", "true", "backend.ingress.enabled", "true", "backend.ingress.host", "h"));
        Map<String, String> resources = Map.ofEntries(
                Map.entry("ServiceAccount", "/serviceaccounts"), Map.entry("Service", "/services"), Map.entry("ConfigMap", "/configmaps"),
                Map.entry("Secret", "/secrets"), Map.entry("Deployment", "apps/deployments"), Map.entry("StatefulSet", "apps/statefulsets"),
                Map.entry("PodDisruptionBudget", "policy/poddisruptionbudgets"),
                Map.entry("NetworkPolicy", "networking.k8s.io/networkpolicies"), Map.entry("Ingress", "networking.k8s.io/ingresses"),
                Map.entry("ServiceMonitor", "monitoring.coreos.com/servicemonitors"),
                Map.entry("ClusterRole", "rbac.authorization.k8s.io/clusterroles"),
                Map.entry("ClusterRoleBinding", "rbac.authorization.k8s.io/clusterrolebindings"),
                Map.entry("Role", "rbac.authorization.k8s.io/roles"), Map.entry("RoleBinding", "rbac.authorization.k8s.io/rolebindings"),
                Map.entry("APIService", "extensions.kubesphere.io/apiservices"), Map.entry("JSBundle", "extensions.kubesphere.io/jsbundles"),
                Map.entry("ExtensionEntry", "extensions.kubesphere.io/extensionentries"),
                Map.entry("RoleTemplate", "iam.kubesphere.io/roletemplates"), Map.entry("Category", "iam.kubesphere.io/categories"),
                Map.entry("CustomResourceDefinition", "apiextensions.k8s.io/customresourcedefinitions"));
        // helm template leaves the crds/ directory out; Helm installs those CRDs before the templates.
        assertThat(chart.resolve("charts/backend/crds")).isNotEmptyDirectory();
        assertThat(HelmChartTest.grants(clusterRole.path("rules"), "apiextensions.k8s.io", "customresourcedefinitions", "create")).isTrue();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            assertThat(resources).as("kind " + kind + " has a known resource").containsKey(kind);
            String[] groupResource = resources.get(kind).split("/");
            String namespace = object.at("/metadata/namespace").asText("");
            for (String verb : List.of("create", "update", "patch", "get")) {
                // A ClusterRole's rules hold everywhere; the Role's only in the extension's namespace.
                boolean granted = HelmChartTest.grants(clusterRole.path("rules"), groupResource[0], groupResource[1], verb)
                        || namespace.equals(NS) && HelmChartTest.grants(role.path("rules"), groupResource[0], groupResource[1], verb);
                assertThat(granted)
                        .as(verb + " " + kind + " " + object.at("/metadata/name").asText() + " in '" + namespace + "'").isTrue();
            }
        }
        assertThat(find(objects, "Role", "ks-baas-jwt-secret")).isPresent();
        assertThat(((ArrayNode) clusterRole.path("rules")).size()).isPositive();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
