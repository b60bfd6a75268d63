package io.baas.fabric.sandbox.peer;

import io.baas.fabric.gateway.FabricGateway;
import io.baas.fabric.gateway.GatewayConnections;
import io.baas.fabric.gateway.GatewayPeer;
import io.baas.fabric.gateway.GatewaySettings;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import java.time.Duration;
import java.util.List;

/** The fabric-gateway client as the sandbox's gateway tests use it. */
final class SandboxGateway {

    private SandboxGateway() {
    }

    /** Deadlines long enough for a first call that waits for a chaincode jar to load on a busy machine. */
    static FabricGateway patient(GatewayConnections connections) {
        return new FabricGateway(connections, new GatewaySettings(Duration.ofSeconds(180), Duration.ofSeconds(180),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofMillis(200)));
    }

    /** Organization {@code org}'s peer, trusted through that organization's TLS CA. */
    static GatewayPeer peer(SandboxNetwork network, int org, PeerNode node) {
        return new GatewayPeer("127.0.0.1", node.port(), List.of(network.tlsCa(org)));
    }
}
