package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.error.DomainException;
import io.baas.k8s.Applier;
import io.baas.support.TestPlatform;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's log on Kubernetes is its pod's container log, read through the API server as kubectl reads it. */
class KubernetesNodeLogsTest {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private KubernetesNodeRuntime runtime;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
        server.init();
        client = server.createClient();
        runtime = new KubernetesNodeRuntime(client, new Applier(client), TestPlatform.SETTINGS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void theLastLinesOfThePeerContainerOfItsStatefulSetsPod() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/peer0-0")
                .andReturn(200, new PodBuilder().withNewMetadata().withName("peer0-0").withNamespace("trade-bank").endMetadata().build())
                .always();
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/peer0-0/log?pretty=false&container=peer&sinceSeconds=60&tailLines=2")
                .andReturn(200, "2026-12-05 01:40:00.123 UTC 0041 INFO [kvledger] commit -> one\n2026-12-05 01:40:01.000 UTC 0042 INFO [kvledger] commit -> two\n")
                .once();
        List<String> lines = runtime.logs(node(new PeerNode(), "peer0"), new LogQuery(2, 60L, false))
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(lines).containsExactly("2026-12-05 01:40:00.123 UTC 0041 INFO [kvledger] commit -> one",
                "2026-12-05 01:40:01.000 UTC 0042 INFO [kvledger] commit -> two");
    }

    @Test
    void followingReadsTheStreamUntilTheApiServerEndsIt() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/orderer0-0")
                .andReturn(200, new PodBuilder().withNewMetadata().withName("orderer0-0").withNamespace("trade-bank").endMetadata().build())
                .always();
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/orderer0-0/log?pretty=false&container=orderer&follow=true")
                .andReturn(200, "a\nb\nc\n").once();
        List<String> lines = runtime.logs(node(new OrdererNode(), "orderer0"), new LogQuery(null, null, true))
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(lines).containsExactly("a", "b", "c");
    }

    @Test
    void aNodeWithoutAPodIsNotRunning() {
        assertThatThrownBy(() -> runtime.logs(node(new PeerNode(), "peer9"), new LogQuery(null, null, false)))
                .isInstanceOf(DomainException.class).hasMessage("PeerNode peer9 is not running: it has no pod yet.");
    }

    /** kubectl logs deployment/... picks a running pod; so does the API, the oldest, in the server's container. */
    @Test
    void aChaincodeServersLogIsItsOldestRunningPodsChaincodeContainer() throws Exception {
        io.fabric8.kubernetes.api.model.PodList pods = new io.fabric8.kubernetes.api.model.PodListBuilder()
                .addToItems(pod("notes-abc12", "2026-12-05T01:00:00Z", "Pending"))
                .addToItems(pod("notes-def34", "2026-12-05T02:00:00Z", "Running"))
                .addToItems(pod("notes-ghi56", "2026-12-05T01:30:00Z", "Running"))
                .build();
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods?labelSelector=baas.io%2Fchaincode-server%3Dnotes")
                .andReturn(200, pods).always();
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/notes-ghi56/log?pretty=false&container=chaincode&tailLines=5")
                .andReturn(200, "started\nserving\n").once();
        List<String> lines = runtime.chaincodeServerLogs(deployment("notes"), new LogQuery(5, null, false))
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(lines).containsExactly("started", "serving");
    }

    @Test
    void aChaincodeServerWithoutPodsIsNotRunning() {
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods?labelSelector=baas.io%2Fchaincode-server%3Dnotes")
                .andReturn(200, new io.fabric8.kubernetes.api.model.PodList()).always();
        assertThatThrownBy(() -> runtime.chaincodeServerLogs(deployment("notes"), new LogQuery(null, null, false)))
                .isInstanceOf(DomainException.class).hasMessage("Chaincode server notes is not running: it has no pod yet.");
    }

    /** What the kubelet says of the node's container is the reason a down node gives. */
    @Test
    void aNodeThatDoesNotServeIsExplainedByItsPod() {
        assertThat(runtime.whyNotServing(node(new PeerNode(), "peer9"))).hasValue("Pod peer9-0 does not exist.");
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/peer0-0").andReturn(200, new PodBuilder()
                .withNewMetadata().withName("peer0-0").withNamespace("trade-bank").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("peer").withRestartCount(4).withReady(false)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 2m40s restarting failed container")
                .endWaiting().endState().endContainerStatus().endStatus().build()).once();
        assertThat(runtime.whyNotServing(node(new PeerNode(), "peer0"))).hasValue("Pod peer0-0: container peer is waiting: CrashLoopBackOff "
                + "(back-off 2m40s restarting failed container), restarted 4 times.");
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/orderer0-0").andReturn(200, new PodBuilder()
                .withNewMetadata().withName("orderer0-0").withNamespace("trade-bank").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("orderer").withRestartCount(1).withReady(false)
                .withNewState().withNewTerminated().withReason("Error").withExitCode(2).endTerminated().endState().endContainerStatus()
                .endStatus().build()).once();
        assertThat(runtime.whyNotServing(node(new OrdererNode(), "orderer0")))
                .hasValue("Pod orderer0-0: container orderer ended: Error (exit code 2), restarted 1 time.");
        server.expect().get().withPath("/api/v1/namespaces/trade-bank/pods/peer1-0").andReturn(200, new PodBuilder()
                .withNewMetadata().withName("peer1-0").withNamespace("trade-bank").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("peer").withRestartCount(0).withReady(true)
                .withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build()).once();
        assertThat(runtime.whyNotServing(node(new PeerNode(), "peer1"))).as("a ready container: nothing the pod knows is wrong").isEmpty();
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String created, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("trade-bank").withCreationTimestamp(created).endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
        return new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName(name).withNamespace("trade-bank")
                .endMetadata().build();
    }

    private static <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> T node(T node, String name) {
        node.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("trade-bank").build());
        return node;
    }
}
