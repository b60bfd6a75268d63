package io.baas.runtime;

import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.sandbox.OrdererSettings;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.k8s.Applier;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PeerNodeBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes inside the service (DESIGN.md §6): each OrdererNode is a sandbox ordering node on loopback,
 * speaking Fabric's protocols with the node's held identity, so every Fabric flow runs without a
 * cluster. For dev mode and tests, never for production data: ledgers live in memory and are gone
 * when the service stops. Peers join once the sandbox peer exists; until then a PeerNode on this
 * runtime is refused with a clear reason.
 */
public class SandboxNodeRuntime implements NodeRuntime, AutoCloseable {

    private final Map<String, OrderingNode> orderers = new ConcurrentHashMap<>();
    private final Clock clock;

    public SandboxNodeRuntime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public NodeRun runPeer(PeerNode peer, PeerNodeBuilder.Inputs inputs, NodeIdentity identity) {
        throw new RuntimeUnavailableException("The sandbox runtime runs orderers only so far: peer "
                + peer.getMetadata().getName() + " needs the kubernetes runtime until the sandbox peer exists.");
    }

    @Override
    public synchronized NodeRun runOrderer(OrdererNode orderer, OrdererNodeBuilder.Inputs inputs, NodeIdentity identity) {
        String key = key(orderer);
        if (orderers.containsKey(key)) {
            return new NodeRun(List.of(Applier.Outcome.UNCHANGED), true);
        }
        EcdsaSigner signer = new EcdsaSigner(FabricIdentity.of(identity.mspId(), identity.identity().signing().certificate()),
                identity.identity().signing().privateKey());
        // Its organization's admins administer its channels, as on the kubernetes runtime.
        OrderingNode node = OrderingNode.start(OrdererSettings.loopback(signer, identity.identity().tls(), identity.tlsCas(), clock));
        orderers.put(key, node);
        return new NodeRun(List.of(Applier.Outcome.CREATED), true);
    }

    @Override
    public Optional<OrdererAddresses> ordererAddresses(OrdererNode orderer) {
        OrderingNode node = orderers.get(key(orderer));
        if (node == null) {
            return Optional.empty();
        }
        // No Raft in the sandbox: the consenter entry names the node's one gRPC port.
        HostPort grpc = new HostPort("127.0.0.1", node.port());
        return Optional.of(new OrdererAddresses(grpc, grpc, URI.create("https://127.0.0.1:" + node.adminPort())));
    }

    /** Loopback: clients check the node's certificate against the address they dial. */
    @Override
    public List<String> tlsHosts() {
        return List.of("127.0.0.1", "localhost");
    }

    @Override
    public NodeRun removePeer(PeerNode peer) {
        return new NodeRun(List.of(Applier.Outcome.ABSENT), false);
    }

    @Override
    public synchronized NodeRun removeOrderer(OrdererNode orderer) {
        OrderingNode node = orderers.remove(key(orderer));
        if (node == null) {
            return new NodeRun(List.of(Applier.Outcome.ABSENT), false);
        }
        node.close();
        return new NodeRun(List.of(Applier.Outcome.DELETED), false);
    }

    private static String key(HasMetadata node) {
        return node.getMetadata().getNamespace() + "/" + node.getMetadata().getName();
    }

    @Override
    public synchronized void close() {
        orderers.values().forEach(OrderingNode::close);
        orderers.clear();
    }
}
