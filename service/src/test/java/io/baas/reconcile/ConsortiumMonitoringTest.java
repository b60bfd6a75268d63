package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.k8s.Applier;
import io.baas.k8s.KubeSphereDashboard;
import io.baas.k8s.ServiceMonitor;
import io.baas.k8s.build.NodeDashboard;
import io.baas.k8s.build.NodeMonitoring;
import io.baas.k8s.build.NodeServiceMonitor;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.support.MonitoringCrds;
import io.baas.support.TestPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consortium pass's ServiceMonitors and KubeSphere project Dashboards, on the fabric8 mock server in
 * CRUD mode, with and without the Prometheus Operator's and KubeSphere monitoring's CRDs.
 */
class ConsortiumMonitoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MockCluster cluster;
    private KubernetesClient client;
    private OrganizationCas bankA;

    @BeforeEach
    void start() {
        cluster = new MockCluster(Organization.class, Consortium.class);
        client = cluster.client;
        bankA = cluster.organization("bank-a");
        cluster.organization("bank-b");
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("trade");
        consortium.setSpec(new Consortium.Spec());
        consortium.getSpec().members.add(new Consortium.Member("bank-a", "ws-bank-a"));
        consortium.getSpec().members.add(new Consortium.Member("bank-b", "ws-bank-b"));
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        client.resources(Consortium.class).resource(consortium).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ConsortiumReconciler reconciler(PlatformSettings platform, NodeMonitoring monitoring) {
        return new ConsortiumReconciler(client, new Applier(client), platform, monitoring, Clock.systemUTC());
    }

    private void installPrometheusOperator() {
        client.apiextensions().v1().customResourceDefinitions().resource(MonitoringCrds.serviceMonitor()).create();
    }

    private void installKubeSphereMonitoring(String... versions) {
        client.apiextensions().v1().customResourceDefinitions().resource(MonitoringCrds.kubeSphereDashboard(versions)).create();
    }

    private KubeSphereDashboard dashboard(String namespace) {
        return client.resources(KubeSphereDashboard.class).inNamespace(namespace).withName(NodeDashboard.NAME).get();
    }

    private ServiceMonitor monitor(String namespace) {
        return client.resources(ServiceMonitor.class).inNamespace(namespace).withName(NodeServiceMonitor.NAME).get();
    }

    private Consortium.Status.Phase phase() {
        return client.resources(Consortium.class).withName("trade").get().getStatus().phase;
    }

    @Test
    void withTheServiceMonitorKindEveryMemberNamespaceGetsOneForItsNodes() {
        installPrometheusOperator();
        ReconcileResult first = reconciler(TestPlatform.SETTINGS, new NodeMonitoring(true, Map.of("release", "prom"), "30s"))
                .reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);
        for (String namespace : new String[] {"trade-bank-a", "trade-bank-b"}) {
            ServiceMonitor monitor = monitor(namespace);
            assertThat(monitor).as("ServiceMonitor in " + namespace).isNotNull();
            assertThat(monitor.getMetadata().getLabels()).containsEntry("baas.io/consortium", "trade").containsEntry("release", "prom")
                    .containsEntry("app.kubernetes.io/managed-by", "ks-baas");
            JsonNode spec = JSON.valueToTree(monitor.getAdditionalProperties().get("spec"));
            assertThat(spec.at("/selector/matchLabels/app.kubernetes.io~1managed-by").asText()).isEqualTo("ks-baas");
            assertThat(spec.at("/selector/matchExpressions/0/values").toString()).isEqualTo("[\"fabric-peer\",\"fabric-orderer\"]");
            assertThat(spec.at("/namespaceSelector/matchNames/0").asText()).isEqualTo(namespace);
            assertThat(spec.at("/endpoints/0/port").asText()).isEqualTo("operations");
            assertThat(spec.at("/endpoints/0/path").asText()).isEqualTo("/metrics");
            assertThat(spec.at("/endpoints/0/relabelings/0/replacement").asText()).isEqualTo("trade");
        }
        // 2 namespaces, 2 policies, 2 ServiceMonitors; nothing for the CA without operations TLS.
        assertThat(first.outcomes()).containsEntry(Applier.Outcome.CREATED, 6);
        assertThat(client.configMaps().inNamespace("trade-bank-a").withName(NodeServiceMonitor.TLS_CA_CONFIG_MAP).get()).isNull();

        ReconcileResult second = reconciler(TestPlatform.SETTINGS, new NodeMonitoring(true, Map.of("release", "prom"), "30s"))
                .reconcile("trade");
        assertThat(second.writes()).as("the stored ServiceMonitor matches its desired hash").isZero();
    }

    @Test
    void withoutTheKindNothingIsWrittenAndNothingFails() {
        ReconcileResult result = reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);
        assertThat(result.outcomes()).containsEntry(Applier.Outcome.CREATED, 4);
        assertThat(monitor("trade-bank-a")).isNull();
        assertThat(monitor("trade-bank-b")).isNull();
        assertThat(dashboard("trade-bank-a")).isNull();
        assertThat(dashboard("trade-bank-b")).isNull();
    }

    @Test
    void withKubeSphereMonitoringEveryMemberNamespaceGetsAProjectDashboardOfItsOwnNodes() {
        installKubeSphereMonitoring("v1alpha2", "v1alpha1");
        ReconcileResult first = reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);
        for (String namespace : new String[] {"trade-bank-a", "trade-bank-b"}) {
            KubeSphereDashboard dashboard = dashboard(namespace);
            assertThat(dashboard).as("Dashboard in " + namespace).isNotNull();
            assertThat(dashboard.getApiVersion()).isEqualTo("monitoring.kubesphere.io/v1alpha2");
            assertThat(dashboard.getMetadata().getLabels()).containsEntry("baas.io/consortium", "trade")
                    .containsEntry("app.kubernetes.io/managed-by", "ks-baas");
            JsonNode panels = JSON.valueToTree(dashboard.getAdditionalProperties().get("spec")).path("panels");
            assertThat(panels.size()).isPositive();
            panels.forEach(panel -> panel.path("targets").forEach(target -> assertThat(target.path("expr").asText())
                    .contains("namespace=\"" + namespace + "\"")));
        }
        assertThat(monitor("trade-bank-a")).as("no Prometheus Operator: no ServiceMonitor").isNull();
        // 2 namespaces, 2 policies, 2 Dashboards.
        assertThat(first.outcomes()).containsEntry(Applier.Outcome.CREATED, 6);
        assertThat(reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade").writes())
                .as("the stored Dashboards match their desired hash").isZero();
    }

    @Test
    void withBothKindsEachNamespaceGetsBoth() {
        installPrometheusOperator();
        installKubeSphereMonitoring("v1alpha2");
        assertThat(reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade").outcomes())
                .containsEntry(Applier.Outcome.CREATED, 8);
        assertThat(monitor("trade-bank-b")).isNotNull();
        assertThat(dashboard("trade-bank-b")).isNotNull();
    }

    @Test
    void noDashboardWhereKubeSphereServesOnlyAnOlderVersionOrMonitoringIsOff() {
        installKubeSphereMonitoring("v1alpha1");
        reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);
        assertThat(dashboard("trade-bank-a")).isNull();

        client.apiextensions().v1().customResourceDefinitions().withName(KubeSphereDashboard.CRD).delete();
        installKubeSphereMonitoring("v1alpha2");
        reconciler(TestPlatform.SETTINGS, new NodeMonitoring(false, Map.of(), "30s")).reconcile("trade");
        assertThat(dashboard("trade-bank-a")).isNull();
        assertThat(dashboard("trade-bank-b")).isNull();
    }

    @Test
    void aProjectMembersOwnDashboardOfThatNameStaysAndThePassGoesOn() {
        installKubeSphereMonitoring("v1alpha2");
        reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade");
        KubeSphereDashboard theirs = new KubeSphereDashboard();
        theirs.setMetadata(new ObjectMetaBuilder().withName(NodeDashboard.NAME).withNamespace("trade-bank-a").build());
        theirs.setAdditionalProperty("spec", Map.of("title", "mine"));
        client.resources(KubeSphereDashboard.class).inNamespace("trade-bank-a").withName(NodeDashboard.NAME).delete();
        client.resources(KubeSphereDashboard.class).resource(theirs).create();
        client.resources(KubeSphereDashboard.class).inNamespace("trade-bank-b").withName(NodeDashboard.NAME).delete();

        ReconcileResult again = reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS).reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);
        assertThat(dashboard("trade-bank-a").getAdditionalProperties().get("spec")).isEqualTo(Map.of("title", "mine"));
        assertThat(dashboard("trade-bank-b").getMetadata().getLabels()).containsEntry("baas.io/consortium", "trade");
        assertThat(again.outcomes()).containsEntry(Applier.Outcome.CREATED, 1);
    }

    @Test
    void theKindIsLookedForOnEveryPassSoAnOperatorInstalledLaterIsFound() {
        ConsortiumReconciler reconciler = reconciler(TestPlatform.SETTINGS, NodeMonitoring.DEFAULTS);
        reconciler.reconcile("trade");
        assertThat(monitor("trade-bank-a")).isNull();
        installPrometheusOperator();
        assertThat(reconciler.reconcile("trade").outcomes()).containsEntry(Applier.Outcome.CREATED, 2);
        assertThat(monitor("trade-bank-a")).isNotNull();
        assertThat(monitor("trade-bank-b")).isNotNull();
    }

    @Test
    void turnedOffNoServiceMonitorIsWrittenEvenWithTheKind() {
        installPrometheusOperator();
        reconciler(TestPlatform.SETTINGS, new NodeMonitoring(false, Map.of(), "30s")).reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);
        assertThat(monitor("trade-bank-a")).isNull();
    }

    @Test
    void withOperationsTlsEachNamespaceGetsItsOrganizationsTlsCaAndANamespaceWhoseCaIsUnknownWaits() {
        installPrometheusOperator();
        // bank-b's status has no TLS CA yet (as before its reconciler published it).
        client.resources(Organization.class).withName("bank-b").editStatus(o -> {
            o.getStatus().tlsCaCertificate = null;
            return o;
        });
        reconciler(TestPlatform.settings(true), NodeMonitoring.DEFAULTS).reconcile("trade");
        assertThat(phase()).isEqualTo(Consortium.Status.Phase.READY);

        ConfigMap ca = client.configMaps().inNamespace("trade-bank-a").withName(NodeServiceMonitor.TLS_CA_CONFIG_MAP).get();
        assertThat(ca).isNotNull();
        assertThat(Pem.certificates(ca.getData().get(NodeServiceMonitor.TLS_CA_KEY))).isEqualTo(bankA.tlsCa().chain());
        JsonNode endpoint = JSON.valueToTree(monitor("trade-bank-a").getAdditionalProperties().get("spec")).at("/endpoints/0");
        assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
        assertThat(endpoint.at("/tlsConfig/ca/configMap/name").asText()).isEqualTo(ca.getMetadata().getName());

        assertThat(monitor("trade-bank-b")).as("Prometheus could not verify bank-b's nodes yet").isNull();
        assertThat(client.configMaps().inNamespace("trade-bank-b").withName(NodeServiceMonitor.TLS_CA_CONFIG_MAP).get()).isNull();
    }
}
