package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.fabric.configtx.HostPort;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PeerNodeBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.smallrye.mutiny.Multi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the probe makes of a node's operations endpoint: healthy, a failed check, no answer, or no node running. */
class NodeHealthProbeTest {

    private final Map<String, URI> endpoints = new HashMap<>();
    private final Map<String, String> why = new HashMap<>();
    private final NodeHealthProbe probe = new NodeHealthProbe(new Endpoints(endpoints, why), null);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aHealthyNodeWithItsHeightsPerChannel() throws IOException {
        serve(200, "{\"status\":\"OK\",\"time\":\"2026-12-05T01:40:00Z\"}", """
                # TYPE ledger_blockchain_height gauge
                ledger_blockchain_height{channel="trade"} 12
                ledger_blockchain_height{channel="audit"} 3
                """);
        NodeHealth health = probe.probe(node(new PeerNode(), "peer0"), "bank");
        assertThat(health.state()).isEqualTo(NodeHealth.HEALTHY);
        assertThat(health.reason()).isNull();
        assertThat(health.heights()).containsExactlyInAnyOrderEntriesOf(Map.of("trade", 12L, "audit", 3L));
    }

    @Test
    void aFailedCheckIsUnhealthyWithFabricsReason() throws IOException {
        serve(503, "{\"status\":\"Service Unavailable\",\"time\":\"2026-12-05T01:40:00Z\",\"failed_checks\":"
                + "[{\"component\":\"couchdb\",\"reason\":\"failed to connect to couch db\"}]}", "ledger_blockchain_height{channel=\"trade\"} 9\n");
        NodeHealth health = probe.probe(node(new PeerNode(), "peer0"), "bank");
        assertThat(health.state()).isEqualTo(NodeHealth.UNHEALTHY);
        assertThat(health.reason()).isEqualTo("couchdb: failed to connect to couch db");
        assertThat(health.heights()).containsExactly(Map.entry("trade", 9L));
    }

    @Test
    void aNodeThatDoesNotAnswerIsUnreachableAndOneNotRunningSaysSo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        endpoints.put("orderer0", URI.create("http://127.0.0.1:" + closed));
        NodeHealth down = probe.probe(node(new OrdererNode(), "orderer0"), "bank");
        assertThat(down.state()).isEqualTo(NodeHealth.UNREACHABLE);
        assertThat(down.reason()).startsWith("The operations endpoint http://127.0.0.1:" + closed + " did not answer");
        assertThat(down.heights()).isEmpty();

        NodeHealth stopped = probe.probe(node(new PeerNode(), "peer9"), "bank");
        assertThat(stopped.state()).isEqualTo(NodeHealth.NOT_RUNNING);
        assertThat(stopped.reason()).isEqualTo("PeerNode peer9 is not running.");

        // What the runtime knows of why is said beside what the probe found.
        why.put("orderer0", "Pod orderer0-0: container orderer is waiting: CrashLoopBackOff, restarted 4 times.");
        why.put("peer9", "Stopped at 2026-12-05T10:00:00Z: a drill.");
        assertThat(probe.probe(node(new OrdererNode(), "orderer0"), "bank").reason()).matches("The operations endpoint http://127\\.0\\.0\\.1:"
                + closed + " did not answer: .+\\. Pod orderer0-0: container orderer is waiting: CrashLoopBackOff, restarted 4 times\\.");
        assertThat(probe.probe(node(new PeerNode(), "peer9"), "bank").reason())
                .isEqualTo("PeerNode peer9 is not running. Stopped at 2026-12-05T10:00:00Z: a drill.");
    }

    @Test
    void everyNodeIsAskedAndAnsweredByItsKey() throws IOException {
        serve(200, "{\"status\":\"OK\"}", "ledger_blockchain_height{channel=\"trade\"} 4\n");
        Map<String, NodeHealth> answers = probe.probeAll(List.of(node(new PeerNode(), "peer0"), node(new PeerNode(), "peer9")),
                n -> n.getMetadata().getName(), n -> "bank");
        assertThat(answers.get("peer0").state()).isEqualTo(NodeHealth.HEALTHY);
        assertThat(answers.get("peer9").state()).isEqualTo(NodeHealth.NOT_RUNNING);
    }

    private void serve(int healthStatus, String healthz, String metrics) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", exchange -> answer(exchange, healthStatus, healthz));
        server.createContext("/metrics", exchange -> answer(exchange, 200, metrics));
        server.start();
        endpoints.put("peer0", URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static <T extends HasMetadata> T node(T node, String name) {
        node.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("trade-bank").build());
        return node;
    }

    /** A runtime that knows only where nodes' operations endpoints are. */
    private record Endpoints(Map<String, URI> byName, Map<String, String> why) implements NodeRuntime {
        @Override
        public Optional<URI> operations(HasMetadata node) {
            return Optional.ofNullable(byName.get(node.getMetadata().getName()));
        }

        @Override
        public Optional<String> whyNotServing(HasMetadata node) {
            return Optional.ofNullable(why.get(node.getMetadata().getName()));
        }

        @Override
        public Multi<String> chaincodeServerLogs(io.fabric8.kubernetes.api.model.apps.Deployment server, LogQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public NodeRun runPeer(PeerNode peer, PeerNodeBuilder.Inputs inputs, NodeIdentity identity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeRun runOrderer(OrdererNode orderer, OrdererNodeBuilder.Inputs inputs, NodeIdentity identity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<OrdererAddresses> ordererAddresses(OrdererNode orderer) {
            return Optional.empty();
        }

        @Override
        public Optional<HostPort> peerAddress(PeerNode peer) {
            return Optional.empty();
        }

        @Override
        public List<String> tlsHosts() {
            return List.of();
        }

        @Override
        public NodeRun removePeer(PeerNode peer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeRun removeOrderer(OrdererNode orderer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Multi<String> logs(HasMetadata node, LogQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
