package io.baas.reconcile;

import io.baas.crd.PeerNode;
import io.baas.fabric.configtx.HostPort;
import io.baas.k8s.build.PeerNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.IdentityRole;
import io.baas.runtime.NodeIdentity;
import io.baas.runtime.NodeRun;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs PeerNodes ({@link NodeReconciler}'s steps); a peer's gossip bootstrap is its organization's
 * other peers in the namespace that can run ({@link Siblings}).
 */
public class PeerNodeReconciler {

    private final NodeReconciler<PeerNode> nodes;

    public PeerNodeReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock) {
        this(client, runtime, platform, clock, address -> { }, ReconcileTimings.DEFAULTS);
    }

    /** @param whenGone told where a removed peer answered, so connections to it are closed */
    public PeerNodeReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock,
                              Consumer<HostPort> whenGone, ReconcileTimings timings) {
        this.nodes = new NodeReconciler<>(client, new Peers(client, runtime, platform, whenGone), runtime.tlsHosts(),
                new NodeCustody(client, platform, clock, timings.fabricCaCall()), clock);
    }

    public ReconcileResult reconcile(String namespace, String name) {
        return nodes.reconcile(namespace, name);
    }

    private record Peers(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform,
                         Consumer<HostPort> whenGone) implements NodeReconciler.Kind<PeerNode> {

        @Override
        public Class<PeerNode> type() {
            return PeerNode.class;
        }

        @Override
        public IdentityRole role() {
            return IdentityRole.PEER;
        }

        @Override
        public String organization(PeerNode peer) {
            return peer.getSpec().organization;
        }

        @Override
        public List<String> extraHosts(PeerNode peer) {
            return peer.getSpec().extraHosts;
        }

        @Override
        public NodeRun run(PeerNode peer, NodeCustody.HeldNode held) {
            NodeIdentity identity = held.nodeIdentity();
            return runtime.runPeer(peer, new PeerNodeBuilder.Inputs(identity.mspId(), held.material(), otherPeers(peer),
                    platform.operationsTls(), identity.tlsCaPem()), identity);
        }

        @Override
        public NodeRun remove(PeerNode peer) {
            Optional<HostPort> address = runtime.peerAddress(peer);
            NodeRun removed = runtime.removePeer(peer);
            address.ifPresent(whenGone);
            return removed;
        }

        @Override
        public Map<String, String> endpoints(PeerNode peer) {
            String host = PeerNodeBuilder.endpoint(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), platform);
            host = host.substring(0, host.lastIndexOf(':'));
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("peer", host + ":" + PeerNodeBuilder.PEER_PORT);
            endpoints.put("chaincode", host + ":" + PeerNodeBuilder.CHAINCODE_PORT);
            endpoints.put("operations", host + ":" + PeerNodeBuilder.OPERATIONS_PORT);
            return endpoints;
        }

        private List<String> otherPeers(PeerNode peer) {
            return Siblings.peers(client, peer.getMetadata().getNamespace(), peer.getSpec().organization).stream()
                    .map(p -> p.getMetadata().getName())
                    .filter(other -> !other.equals(peer.getMetadata().getName()))
                    .toList();
        }
    }
}
