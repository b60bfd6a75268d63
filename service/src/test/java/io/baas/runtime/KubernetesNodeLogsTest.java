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

    private static <T extends io.fabric8.kubernetes.client.CustomResource<?, ?>> T node(T node, String name) {
        node.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("trade-bank").build());
        return node;
    }
}
