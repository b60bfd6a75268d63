package io.baas.install;

import static io.baas.install.ChartSupport.CHART;
import static io.baas.install.ChartSupport.REPO;
import static io.baas.install.ChartSupport.find;
import static io.baas.install.ChartSupport.ofKind;
import static io.baas.install.ChartSupport.one;
import static io.baas.install.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.baas.config.BaasConfig;
import io.baas.config.KubeSphereVersion;
import io.baas.config.RuntimeKind;
import io.baas.iam.permission.PermissionTable;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.iam.permission.RoutePermission;
import io.baas.k8s.ClusterAccess;
import io.baas.support.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Helm chart helm/ks-baas, rendered and linted by a real Helm. Plain JUnit: no Quarkus, no cluster. */
class HelmChartTest {

    private static final String NS = "kubesphere-system";
    private static final Path ROLE_TEMPLATES = CHART.resolve("templates/kubesphere-roletemplates.yaml");

    @Test
    void lintPasses() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderTheServiceWithTheTrialDatabaseOnKubeSphere4() {
        List<JsonNode> objects = render(CHART, NS, Map.of());
        JsonNode deployment = one(objects, "Deployment", "ks-baas");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/image").asText()).isEqualTo("docker.io/kubesphere/ks-baas:0.1.0");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("ks-baas");
        assertThat(mounts(container)).containsEntry("/tmp", "tmp").containsEntry("/deployments/config", "config");

        Map<String, String> properties = properties(objects);
        assertThat(properties).containsEntry("baas.kubernetes.namespace", NS)
                .containsEntry("baas.iam.kubesphere-version", "V4")
                .containsEntry("baas.iam.trust-proxy-headers", "false")
                .containsEntry("baas.runtime.nodes", "kubernetes")
                .containsEntry("baas.reconcile.enabled", "true")
                .containsEntry("quarkus.datasource.username", "baas")
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://ks-baas-postgresql.kubesphere-system.svc:5432/baas")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://ks-baas-postgresql.kubesphere-system.svc:5432/baas");
        assertThat(properties.keySet()).allMatch(k -> k.startsWith("baas.") || k.startsWith("quarkus.datasource."));
        assertThat(env(container)).doesNotContainKey("BAAS_IAM_JWT_SECRET"); // read from the cluster
        assertThat(env(container).get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("ks-baas-postgresql");

        JsonNode service = one(objects, "Service", "ks-baas");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(service.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(find(objects, "ServiceMonitor", "ks-baas")).as("no monitoring.coreos.com API here: auto leaves it out").isEmpty();
        assertThat(find(objects, "Ingress", "ks-baas")).isEmpty();
        assertThat(one(objects, "PodDisruptionBudget", "ks-baas").at("/spec/maxUnavailable").asInt()).isEqualTo(1);

        JsonNode apiService = one(objects, "APIService", "v1.baas.io");
        assertThat(apiService.at("/apiVersion").asText()).isEqualTo("extensions.kubesphere.io/v1alpha1");
        assertThat(apiService.at("/spec/group").asText()).isEqualTo(PermissionTable.GROUP);
        assertThat(apiService.at("/spec/version").asText()).isEqualTo("v1");
        assertThat(apiService.at("/spec/url").asText()).isEqualTo("http://ks-baas.kubesphere-system.svc:8080");
        assertThat(apiService.at("/spec/service").isMissingNode()).as("a service: reference would mean HTTPS on 443").isTrue();
    }

    @Test
    void theTrialDatabaseIsOneNonRootPostgresqlReachableOnlyFromTheService() {
        List<JsonNode> objects = render(CHART, NS, Map.of("postgresql.enabled", "true"));
        JsonNode set = one(objects, "StatefulSet", "ks-baas-postgresql");
        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(set.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("8Gi");
        assertThat(set.at("/spec/template/spec/containers/0/env").findValuesAsText("name")).contains("POSTGRES_PASSWORD", "POSTGRES_USER");
        JsonNode secret = one(objects, "Secret", "ks-baas-postgresql");
        assertThat(secret.at("/data/password").asText()).isNotEmpty();
        assertThat(one(objects, "Service", "ks-baas-postgresql").at("/spec/selector"))
                .isEqualTo(set.at("/spec/selector/matchLabels"));
        JsonNode policy = one(objects, "NetworkPolicy", "ks-baas-postgresql");
        assertThat(policy.at("/spec/podSelector/matchLabels")).isEqualTo(set.at("/spec/selector/matchLabels"));
        assertThat(policy.at("/spec/ingress/0/from/0/podSelector/matchLabels"))
                .isEqualTo(one(objects, "Deployment", "ks-baas").at("/spec/template/metadata/labels"));
        assertThat(find(objects, "Secret", "ks-baas-database")).isEmpty();
    }

    @Test
    void anExistingDatabaseReplacesTheTrialOne() {
        List<JsonNode> objects = render(CHART, "baas-system", Map.of("postgresql.enabled", "false",
                "database.host", "pg.example.internal", "database.port", "6432", "database.name", "ksbaas",
                "database.username", "app", "database.password", "s3cret"));
        assertThat(ofKind(objects, "StatefulSet")).isEmpty();
        assertThat(find(objects, "Secret", "ks-baas-postgresql")).isEmpty();
        assertThat(find(objects, "NetworkPolicy", "ks-baas-postgresql")).isEmpty();
        assertThat(properties(objects)).containsEntry("quarkus.datasource.reactive.url", "postgresql://pg.example.internal:6432/ksbaas")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://pg.example.internal:6432/ksbaas")
                .containsEntry("quarkus.datasource.username", "app")
                .containsEntry("baas.kubernetes.namespace", "baas-system");
        JsonNode secret = one(objects, "Secret", "ks-baas-database");
        assertThat(new String(java.util.Base64.getDecoder().decode(secret.at("/data/password").asText()))).isEqualTo("s3cret");
        JsonNode container = one(objects, "Deployment", "ks-baas").at("/spec/template/spec/containers/0");
        assertThat(env(container).get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("ks-baas-database");

        List<JsonNode> existing = render(CHART, NS, Map.of("postgresql.enabled", "false", "database.host", "pg",
                "database.existingSecret", "pg-credentials", "database.existingSecretKey", "pw"));
        assertThat(find(existing, "Secret", "ks-baas-database")).isEmpty();
        JsonNode ref = env(one(existing, "Deployment", "ks-baas").at("/spec/template/spec/containers/0"))
                .get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef");
        assertThat(ref.path("name").asText()).isEqualTo("pg-credentials");
        assertThat(ref.path("key").asText()).isEqualTo("pw");

        assertThatThrownBy(() -> render(CHART, NS, Map.of("postgresql.enabled", "false")))
                .hasMessageContaining("database.host is required");
    }

    @Test
    void aJwtSecretGivenByValueOrSecretReachesTheService() {
        List<JsonNode> objects = render(CHART, NS, Map.of("iam.jwtSecret.value", "abc"));
        assertThat(one(objects, "Secret", "ks-baas-jwt").at("/data/jwt-secret").asText()).isEqualTo("YWJj");
        JsonNode ref = env(one(objects, "Deployment", "ks-baas").at("/spec/template/spec/containers/0"))
                .get("BAAS_IAM_JWT_SECRET").at("/valueFrom/secretKeyRef");
        assertThat(ref.path("name").asText()).isEqualTo("ks-baas-jwt");
        assertThat(ref.path("key").asText()).isEqualTo("jwt-secret");

        List<JsonNode> existing = render(CHART, "extension-ksbaas", Map.of("iam.jwtSecret.existingSecret", "baas-jwt",
                "iam.jwtSecret.existingSecretKey", "secret"));
        assertThat(find(existing, "Secret", "ks-baas-jwt")).isEmpty();
        assertThat(env(one(existing, "Deployment", "ks-baas").at("/spec/template/spec/containers/0"))
                .get("BAAS_IAM_JWT_SECRET").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("baas-jwt");
    }

    /** A pod reads Secrets of its own namespace only: KubeSphere's kubesphere-secret is refused elsewhere, with the way out. */
    @Test
    void kubesphereSecretAsAnExistingSecretOutsideKubesphereSystemIsRefused() {
        assertThatThrownBy(() -> render(CHART, "extension-ksbaas", Map.of("iam.jwtSecret.existingSecret", "kubesphere-secret",
                "iam.jwtSecret.existingSecretKey", "secret")))
                .hasMessageContaining("kubesphere-secret is in kubesphere-system")
                .hasMessageContaining("leave iam.jwtSecret empty");
        assertThat(find(render(CHART, "kubesphere-system", Map.of("iam.jwtSecret.existingSecret", "kubesphere-secret",
                "iam.jwtSecret.existingSecretKey", "secret")), "Deployment", "ks-baas")).as("there it resolves").isPresent();
    }

    @Test
    void theNetworkPolicyAdmitsKsApiserverAndPrometheusToTheServicePodsOnly() {
        List<JsonNode> objects = render(CHART, "baas-system", Map.of());
        JsonNode policy = one(objects, "NetworkPolicy", "ks-baas");
        JsonNode podLabels = one(objects, "Deployment", "ks-baas").at("/spec/template/metadata/labels");
        JsonNode selector = policy.at("/spec/podSelector/matchLabels");
        selector.fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
        assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\"]");
        JsonNode ingress = policy.at("/spec/ingress");
        assertThat(ingress.size()).isEqualTo(3);
        JsonNode apiserver = ingress.get(0);
        assertThat(apiserver.at("/from").size()).isEqualTo(1);
        assertThat(apiserver.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("kubesphere-system");
        assertThat(apiserver.at("/from/0/podSelector/matchLabels/app").asText()).isEqualTo("ks-apiserver");
        assertThat(apiserver.at("/ports/0/port").asText()).isEqualTo("http");
        JsonNode prometheus = ingress.get(1);
        assertThat(prometheus.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("kubesphere-monitoring-system");
        assertThat(prometheus.at("/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("prometheus");

        // The open API's port admits any source unless told which: every request on it is signed.
        JsonNode openApi = ingress.get(2);
        assertThat(openApi.at("/ports/0/port").asText()).isEqualTo("openapi");
        assertThat(openApi.has("from")).isFalse();

        assertThat(find(render(CHART, NS, Map.of("networkPolicy.enabled", "false")), "NetworkPolicy", "ks-baas")).isEmpty();
    }

    @Test
    void theOpenApiHasAPortServiceAndOptionalIngressOfItsOwn() {
        List<JsonNode> objects = render(CHART, NS, Map.of("openApi.ingress.enabled", "true", "openApi.ingress.host", "api.bank.example",
                "openApi.from[0].ipBlock.cidr", "10.8.0.0/16"));
        JsonNode container = one(objects, "Deployment", "ks-baas").at("/spec/template/spec/containers/0");
        assertThat(container.at("/ports/1/name").asText()).isEqualTo("openapi");
        assertThat(container.at("/ports/1/containerPort").asInt()).isEqualTo(8090);
        JsonNode service = one(objects, "Service", "ks-baas-openapi");
        assertThat(service.at("/spec/ports").size()).isEqualTo(1);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("openapi");
        JsonNode ingress = one(objects, "Ingress", "ks-baas-openapi");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("api.bank.example");
        assertThat(ingress.at("/spec/rules/0/http/paths").size()).isEqualTo(1);
        assertThat(ingress.at("/spec/rules/0/http/paths/0/path").asText()).isEqualTo("/openapi/v1/");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("ks-baas-openapi");
        assertThat(one(objects, "NetworkPolicy", "ks-baas").at("/spec/ingress/2/from/0/ipBlock/cidr").asText()).isEqualTo("10.8.0.0/16");
        assertThat(one(objects, "ConfigMap", "ks-baas-config").at("/data/application.properties").asText())
                .contains("baas.open-api.port=8090");

        List<JsonNode> off = render(CHART, NS, Map.of("openApi.enabled", "false"));
        assertThat(find(off, "Service", "ks-baas-openapi")).isEmpty();
        assertThat(one(off, "Deployment", "ks-baas").at("/spec/template/spec/containers/0/ports").size()).isEqualTo(1);
        assertThat(one(off, "NetworkPolicy", "ks-baas").at("/spec/ingress").size()).isEqualTo(2);
    }

    /**
     * The chart's ClusterRole and Roles grant exactly what {@link ClusterAccess} lists: nothing the
     * code needs is missing, nothing it does not need is granted.
     */
    @Test
    void rbacIsExactlyWhatTheCodeNeeds() {
        List<JsonNode> objects = render(CHART, "baas-system", Map.of());
        Map<String, Set<String>> granted = new TreeMap<>();
        addRules(granted, ClusterAccess.Reach.CLUSTER, one(objects, "ClusterRole", "ks-baas"));
        JsonNode own = one(objects, "Role", "ks-baas");
        assertThat(own.at("/metadata/namespace").asText()).isEqualTo("baas-system");
        addRules(granted, ClusterAccess.Reach.SERVICE_NAMESPACE, own);
        JsonNode kubesphere = one(objects, "Role", "ks-baas-jwt-secret");
        assertThat(kubesphere.at("/metadata/namespace").asText()).isEqualTo(ClusterAccess.KUBESPHERE_SYSTEM);
        addRules(granted, ClusterAccess.Reach.KUBESPHERE_SYSTEM, kubesphere);

        Map<String, Set<String>> needed = new TreeMap<>();
        for (ClusterAccess.Rule rule : ClusterAccess.RULES) {
            needed.computeIfAbsent(rule.reach() + " " + rule.group() + "/" + rule.resource(), k -> new TreeSet<>()).addAll(rule.verbs());
        }
        assertThat(granted).isEqualTo(needed);

        for (String binding : List.of("ClusterRoleBinding", "RoleBinding")) {
            for (JsonNode b : ofKind(objects, binding)) {
                assertThat(b.at("/subjects/0/name").asText()).isEqualTo("ks-baas");
                assertThat(b.at("/subjects/0/namespace").asText()).isEqualTo("baas-system");
                assertThat(b.at("/roleRef/name").asText()).isEqualTo(b.at("/metadata/name").asText());
            }
        }
        assertThat(ofKind(objects, "RoleBinding")).hasSize(2);
    }

    @Test
    void roleTemplatesCoverEveryEntryOfThePermissionTable() {
        List<JsonNode> objects = render(CHART, NS, Map.of());
        Map<String, JsonNode> rendered = new HashMap<>();
        ofKind(objects, "RoleTemplate").forEach(t -> rendered.put(t.at("/metadata/name").asText(), t));
        for (RoutePermission route : PermissionTable.ROUTES) {
            String scope = RoleTemplateCatalog.kubesphereScope(route.scope());
            boolean covered = rendered.values().stream().anyMatch(t -> scope.equals(t.at("/metadata/labels/iam.kubesphere.io~1scope").asText())
                    && grants(t.at("/spec/rules"), PermissionTable.GROUP, route.qualifiedResource(), route.verb()));
            assertThat(covered).as("a RoleTemplate of scope " + scope + " grants " + route.verb() + " " + route.qualifiedResource()).isTrue();
        }
        assertThat(rendered.keySet()).containsExactlyInAnyOrderElementsOf(
                RoleTemplateCatalog.roleTemplates().stream().map(t -> t.getMetadata().getName()).toList());
        Set<String> categories = new TreeSet<>();
        ofKind(objects, "Category").forEach(c -> categories.add(c.at("/metadata/name").asText()));
        for (JsonNode template : rendered.values()) {
            assertThat(template.at("/apiVersion").asText()).isEqualTo("iam.kubesphere.io/v1beta1");
            assertThat(template.at("/metadata/labels/kubesphere.io~1managed").asText()).isEqualTo("true");
            assertThat(categories).contains(template.at("/metadata/labels/iam.kubesphere.io~1category").asText());
            assertThat(template.at("/spec/displayName/en").asText()).isNotEmpty();
            assertThat(template.at("/spec/displayName/zh").asText()).isNotEmpty();
        }
        // Workspace viewers get the view templates through the aggregation label; key exports reach nobody below admin.
        assertThat(rendered.get("baas-workspace-view-organizations").at("/metadata/labels").has("iam.kubesphere.io/aggregate-to-viewer")).isTrue();
        assertThat(rendered.get("baas-workspace-export-organizations-identityexports").at("/metadata/labels").toString())
                .doesNotContain("aggregate-to");
    }

    @Test
    void kubeSphere3GetsRoleTemplatesOfItsOwnAndNoKubeSphere4Objects() {
        List<JsonNode> objects = render(CHART, NS, Map.of("kubesphere.version", "3", "ingress.enabled", "true",
                "ingress.host", "console.example.com", "networkPolicy.extraFrom[0].namespaceSelector.matchLabels.name", "ingress-nginx"));
        assertThat(ofKind(objects, "APIService")).isEmpty();
        assertThat(ofKind(objects, "RoleTemplate")).isEmpty();
        assertThat(ofKind(objects, "Category")).isEmpty();
        assertThat(properties(objects)).containsEntry("baas.iam.kubesphere-version", "V3");
        List<JsonNode> templates = new ArrayList<>(ofKind(objects, "GlobalRole"));
        templates.addAll(ofKind(objects, "WorkspaceRole"));
        assertThat(templates).isNotEmpty().allSatisfy(t -> {
            assertThat(t.at("/apiVersion").asText()).isEqualTo("iam.kubesphere.io/v1alpha2");
            assertThat(t.at("/metadata/labels/iam.kubesphere.io~1role-template").asText()).isEqualTo("true");
        });
        for (RoutePermission route : PermissionTable.ROUTES) {
            String kind = switch (RoleTemplateCatalog.kubesphereScope(route.scope())) {
                case "global" -> "GlobalRole";
                case "workspace" -> "WorkspaceRole";
                default -> null;
            };
            if (kind != null) {
                assertThat(ofKind(objects, kind).stream().anyMatch(t -> grants(t.at("/rules"), PermissionTable.GROUP,
                        route.qualifiedResource(), route.verb()))).as(kind + " template for " + route).isTrue();
            }
        }
        JsonNode ingress = one(objects, "Ingress", "ks-baas");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("console.example.com");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/path").asText()).isEqualTo("/kapis/baas.io/");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("ks-baas");
        JsonNode from = one(objects, "NetworkPolicy", "ks-baas").at("/spec/ingress/0/from");
        assertThat(from.size()).isEqualTo(2);
        assertThat(from.at("/1/namespaceSelector/matchLabels/name").asText()).isEqualTo("ingress-nginx");
    }

    @Test
    void aPrometheusUrlReachesTheServiceOnlyWhenGiven() {
        assertThat(properties(render(CHART, NS, Map.of()))).doesNotContainKey("baas.monitoring.prometheus-url");
        assertThat(properties(render(CHART, NS, Map.of("monitoring.prometheusUrl", "http://prometheus-k8s.kubesphere-monitoring-system.svc:9090/"))))
                .containsEntry("baas.monitoring.prometheus-url", "http://prometheus-k8s.kubesphere-monitoring-system.svc:9090/");
    }

    @Test
    void theServiceMonitorScrapesTheMetricsPath() {
        JsonNode monitor = one(render(CHART, NS, Map.of("serviceMonitor.enabled", "true")), "ServiceMonitor", "ks-baas");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(find(render(CHART, NS, Map.of("serviceMonitor.enabled", "false")), "ServiceMonitor", "ks-baas")).isEmpty();
    }

    /** One set of labels for what a Prometheus selects ServiceMonitors by: on the chart's, and through the service's settings on the nodes'. */
    @Test
    void serviceMonitorLabelsReachTheChartsServiceMonitorAndTheNodesThroughTheService() {
        Map<String, String> values = Map.of("serviceMonitor.enabled", "true",
                "monitoring.serviceMonitorLabels.release", "kube-prometheus-stack",
                "monitoring.serviceMonitorLabels.example\\.com/team", "ledger",
                "serviceMonitor.labels.only-this-one", "yes",
                "monitoring.nodeScrapeInterval", "1m");
        List<JsonNode> objects = render(CHART, NS, values);
        JsonNode labels = one(objects, "ServiceMonitor", "ks-baas").at("/metadata/labels");
        assertThat(labels.path("release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(labels.path("example.com/team").asText()).isEqualTo("ledger");
        assertThat(labels.path("only-this-one").asText()).isEqualTo("yes");

        BaasConfig config = serviceConfig(properties(objects));
        assertThat(config.monitoring().serviceMonitorLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("release", "kube-prometheus-stack", "example.com/team", "ledger"));
        assertThat(config.monitoring().scrapeInterval()).isEqualTo("1m");
        assertThat(config.monitoring().nodeServiceMonitors()).isTrue();
        BaasConfig defaults = serviceConfig(properties(render(CHART, NS, Map.of("monitoring.nodeServiceMonitors", "false"))));
        assertThat(defaults.monitoring().serviceMonitorLabels()).as("KubeSphere's Prometheus selects every ServiceMonitor").isEmpty();
        assertThat(defaults.monitoring().nodeServiceMonitors()).isFalse();
    }

    @Test
    void platformSettingsAndExtraConfigBecomeServiceProperties() {
        Map<String, String> properties = properties(render(CHART, NS, Map.of("platform.storageClassName", "ceph-rbd",
                "platform.fabricVersion", "2.5.9", "extraConfig.baas\\.pki\\.renewal-window", "20d", "reconcile.enabled", "false")));
        assertThat(properties).containsEntry("baas.platform.storage-class-name", "ceph-rbd")
                .containsEntry("baas.platform.fabric-version", "2.5.9")
                .containsEntry("baas.pki.renewal-window", "20d")
                .containsEntry("baas.reconcile.enabled", "false");
    }

    /** Every baas.* property the chart writes is one the service's typed configuration knows and parses. */
    @Test
    void theRenderedPropertiesAreSettingsTheServiceKnows() {
        BaasConfig v4 = serviceConfig(properties(render(CHART, NS, Map.of("platform.storageClassName", "ceph-rbd",
                "extraConfig.baas\\.pki\\.renewal-window", "20d"))));
        assertThat(v4.kubernetes().namespace()).isEqualTo(NS);
        assertThat(v4.iam().kubesphereVersion()).contains(KubeSphereVersion.V4);
        assertThat(v4.runtime().nodes()).isEqualTo(RuntimeKind.KUBERNETES);
        assertThat(v4.platform().storageClassName()).contains("ceph-rbd");
        assertThat(v4.pki().renewalWindow()).isEqualTo(Duration.ofDays(20));
        assertThat(serviceConfig(properties(render(CHART, NS, Map.of("kubesphere.version", "3")))).iam().kubesphereVersion())
                .contains(KubeSphereVersion.V3);
        // The check itself: a misspelt key is refused, not ignored.
        assertThatThrownBy(() -> serviceConfig(Map.of("baas.platform.storage-clas-name", "x"))).hasMessageContaining("storage-clas-name");
    }

    private static BaasConfig serviceConfig(Map<String, String> properties) {
        return TestConfig.of(properties);
    }

    @Test
    void theChartShipsTheCrdsOfTheRepository() throws IOException {
        // One source: the chart's crds/ is a link to the generated crds/ (Helm follows it when it loads or packages the chart).
        assertThat(Files.isSymbolicLink(CHART.resolve("crds"))).as("helm/ks-baas/crds is a link to crds/").isTrue();
        assertThat(CHART.resolve("crds").toRealPath()).isEqualTo(REPO.resolve("crds").toRealPath());
        try (Stream<Path> files = Files.list(CHART.resolve("crds"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("consortia.baas.io-v1.yml", "chaincodes.baas.io-v1.yml");
        }
    }

    @Test
    void theGeneratedRoleTemplatesAreUpToDate() throws IOException {
        String rendered = ChartSupport.roleTemplatesFile();
        if (Boolean.getBoolean("write.chart")) {
            Files.writeString(ROLE_TEMPLATES, rendered);
        }
        assertThat(Files.readString(ROLE_TEMPLATES))
                .as("helm/ks-baas/templates/kubesphere-roletemplates.yaml is stale; regenerate with -Dwrite.chart=true")
                .isEqualTo(rendered);
    }

    static boolean grants(JsonNode rules, String group, String resource, String verb) {
        for (JsonNode rule : rules) {
            if (contains(rule.path("apiGroups"), group) && contains(rule.path("resources"), resource) && contains(rule.path("verbs"), verb)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value) || item.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static void addRules(Map<String, Set<String>> granted, ClusterAccess.Reach reach, JsonNode role) {
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    Set<String> verbs = granted.computeIfAbsent(reach + " " + group.asText() + "/" + resource.asText(), k -> new TreeSet<>());
                    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                }
            }
        }
    }

    static Map<String, String> properties(List<JsonNode> objects) {
        String text = one(objects, "ConfigMap", "ks-baas-config").at("/data/application.properties").asText();
        Map<String, String> properties = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                assertThat(eq).as("property line " + line).isPositive();
                assertThat(properties.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim())).as("duplicate " + line).isNull();
            }
        }
        return properties;
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static Map<String, String> mounts(JsonNode container) {
        Map<String, String> mounts = new HashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        return mounts;
    }

}
