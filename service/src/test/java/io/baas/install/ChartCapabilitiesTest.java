package io.baas.install;

import static io.baas.install.ChartSupport.CHART;
import static io.baas.install.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.version.InfoBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's {@code auto} switches, decided by a real Helm from a cluster's API discovery.
 * helm-java's template has no {@code --api-versions}, so the "cluster has the kinds" case is a client
 * dry-run install against a kube-apiserver stand-in (the fabric8 mock server answering
 * {@code /version}, {@code /api}, {@code /apis} and each group version's resource list): Helm reads
 * its Capabilities from that discovery, maps every rendered object through it (so the stand-in
 * advertises every kind the chart renders) and looks each one up (404: none exists); nothing is
 * written.
 */
class ChartCapabilitiesTest {

    private static final String NS = "kubesphere-system";
    /** What the monitoring templates ask {@code .Capabilities.APIVersions.Has} for. */
    private static final Map<String, String> MONITORING_KINDS = Map.of(
            "PrometheusRule", "monitoring.coreos.com/v1", "ServiceMonitor", "monitoring.coreos.com/v1",
            "ClusterDashboard", "monitoring.kubesphere.io/v1alpha2");
    private static final Set<String> MONITORING_GROUPS = Set.of("monitoring.coreos.com", "monitoring.kubesphere.io");
    /** Every switch on: the chart's every kind, for the stand-in to advertise. */
    private static final Map<String, String> ALL_ON = Map.of("monitoring.alerts.enabled", "true", "serviceMonitor.enabled", "true",
            "monitoring.dashboards.kubesphere.enabled", "true");

    @TempDir
    Path dir;

    /** Where each object of interest is looked up, in namespace kubesphere-system for the namespaced ones. */
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/" + NS + "/deployments/ks-baas";
    private static final String PROMETHEUS_RULE = "/apis/monitoring.coreos.com/v1/namespaces/" + NS + "/prometheusrules/ks-baas";
    private static final String SERVICE_MONITOR = "/apis/monitoring.coreos.com/v1/namespaces/" + NS + "/servicemonitors/ks-baas";
    private static final String CLUSTER_DASHBOARD = "/apis/monitoring.kubesphere.io/v1alpha2/clusterdashboards/ks-baas-fabric-consortium";

    @Test
    void autoRendersTheMonitoringObjectsWhereTheClusterAdvertisesTheirKinds() throws IOException {
        Set<String> rendered = installDryRun(true, Map.of());
        assertThat(rendered).contains(DEPLOYMENT, PROMETHEUS_RULE, SERVICE_MONITOR, CLUSTER_DASHBOARD);
    }

    @Test
    void autoRendersNoneWhereTheClusterLacksThem() throws IOException {
        assertThat(render(CHART, NS, Map.of())).extracting(o -> o.path("kind").asText()).as("helm template: no cluster API")
                .doesNotContainAnyElementsOf(MONITORING_KINDS.keySet()).contains("Deployment");
        Set<String> rendered = installDryRun(false, Map.of());
        assertThat(rendered).as("the chart as a whole").contains(DEPLOYMENT);
        assertThat(monitoring(rendered)).as("a cluster without them").isEmpty();
    }

    @Test
    void falseRendersNoneEvenWhereTheClusterAdvertisesThem() throws IOException {
        Set<String> rendered = installDryRun(true, Map.of("monitoring.alerts.enabled", "false", "serviceMonitor.enabled", "false",
                "monitoring.dashboards.kubesphere.enabled", "false"));
        assertThat(rendered).contains(DEPLOYMENT);
        assertThat(monitoring(rendered)).isEmpty();
    }

    private static List<String> monitoring(Set<String> lookedUp) {
        return lookedUp.stream().filter(path -> MONITORING_GROUPS.stream().anyMatch(group -> path.startsWith("/apis/" + group + "/"))).toList();
    }

    /**
     * {@code helm install --dry-run=client} (not client-only: that would not ask the cluster) against a
     * stand-in whose discovery lists every kind the chart renders with every switch on, less the
     * monitoring groups unless {@code advertiseMonitoring}. helm-java's report holds no manifest, so
     * what Helm rendered is read from the stand-in: before a dry run returns, Helm looks up each
     * rendered object to refuse installing over an existing one (its existingResourceConflict), one
     * GET by name per object, answered 404. Returns those paths.
     */
    private Set<String> installDryRun(boolean advertiseMonitoring, Map<String, String> values) throws IOException {
        Map<String, Map<String, Boolean>> kinds = new TreeMap<>();
        for (JsonNode object : render(CHART, NS, ALL_ON)) {
            String apiVersion = object.path("apiVersion").asText();
            if (advertiseMonitoring || !MONITORING_GROUPS.contains(apiVersion.substring(0, Math.max(0, apiVersion.indexOf('/'))))) {
                kinds.computeIfAbsent(apiVersion, v -> new TreeMap<>())
                        .merge(object.path("kind").asText(), object.at("/metadata/namespace").isTextual(), Boolean::logicalOr);
            }
        }
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
        server.init();
        try {
            Set<String> discovery = advertise(server, kinds);
            Path kubeconfig = dir.resolve("kubeconfig-" + server.getPort());
            Files.writeString(kubeconfig, kubeconfig(server.url("/").replaceAll("/$", "")));
            InstallCommand install = new Helm(CHART).install().withName("ks-baas").withNamespace(NS).withKubeConfig(kubeconfig)
                    .dryRun().withDryRunOption(DryRun.CLIENT).disableOpenApiValidation();
            install.set("postgresql.password", "trial-password");
            values.forEach(install::set);
            install.call();
            Set<String> lookedUp = new TreeSet<>();
            for (int i = server.getRequestCount(); i > 0; i--) {
                RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
                String path = request.getPath().replaceAll("\\?.*", "");
                if ("GET".equals(request.getMethod()) && !discovery.contains(path)) {
                    lookedUp.add(path);
                }
            }
            return lookedUp;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            server.destroy();
        }
    }

    /** The stand-in's discovery: the server's version, the core group and every other group version with its kinds. */
    private static Set<String> advertise(KubernetesMockServer server, Map<String, Map<String, Boolean>> kinds) {
        Set<String> paths = new TreeSet<>();
        discovery(server, paths, "/version", new InfoBuilder().withMajor("1").withMinor("30").withGitVersion("v1.30.0")
                .withPlatform("linux/amd64").build());
        discovery(server, paths, "/api", new APIVersionsBuilder().withVersions("v1").build());
        List<APIGroup> groups = new ArrayList<>();
        Map<String, List<String>> versionsByGroup = new TreeMap<>();
        kinds.keySet().stream().filter(v -> v.contains("/"))
                .forEach(v -> versionsByGroup.computeIfAbsent(v.substring(0, v.indexOf('/')), g -> new ArrayList<>()).add(v));
        versionsByGroup.forEach((group, versions) -> groups.add(new APIGroupBuilder().withName(group)
                .withVersions(versions.stream().map(v -> new GroupVersionForDiscoveryBuilder().withGroupVersion(v)
                        .withVersion(v.substring(v.indexOf('/') + 1)).build()).toList())
                .withNewPreferredVersion().withGroupVersion(versions.get(0)).withVersion(versions.get(0).substring(group.length() + 1))
                .endPreferredVersion().build()));
        discovery(server, paths, "/apis", new APIGroupListBuilder().withGroups(groups).build());
        kinds.forEach((apiVersion, byKind) -> discovery(server, paths, (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion,
                new APIResourceListBuilder().withGroupVersion(apiVersion).withResources(byKind.entrySet().stream()
                        .map(k -> new APIResourceBuilder().withKind(k.getKey()).withName(Pluralize.toPlural(k.getKey().toLowerCase()))
                                .withNamespaced(k.getValue()).withSingularName(k.getKey().toLowerCase())
                                .withVerbs("get", "list", "create", "update", "patch", "delete").build())
                        .toList()).build()));
        return paths;
    }

    /** Client-go's discovery client asks with its own timeout, others without. */
    private static void discovery(KubernetesMockServer server, Set<String> paths, String path, Object body) {
        paths.add(path);
        for (String asked : List.of(path, path + "?timeout=32s")) {
            server.expect().get().withPath(asked).andReturn(200, body).always();
        }
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: stand-in
                    cluster:
                      server: %s
                users:
                  - name: tester
                    user:
                      token: not-checked
                contexts:
                  - name: stand-in
                    context:
                      cluster: stand-in
                      user: tester
                      namespace: %s
                current-context: stand-in
                """.formatted(server, NS);
    }
}
