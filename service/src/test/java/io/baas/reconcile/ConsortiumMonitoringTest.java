package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.k8s.Applier;
import io.baas.k8s.ServiceMonitor;
import io.baas.k8s.build.NodeMonitoring;
import io.baas.k8s.build.NodeServiceMonitor;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.support.PrometheusOperatorCrds;
import io.baas.support.TestPlatform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consortium pass's ServiceMonitors, on the fabric8 mock server in CRUD mode, with and without the Prometheus Operator's CRD. */
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
        client.apiextensions().v1().customResourceDefinitions().resource(PrometheusOperatorCrds.serviceMonitor()).create();
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
