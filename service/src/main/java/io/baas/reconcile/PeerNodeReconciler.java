package io.baas.reconcile;

import io.baas.crd.NodeStatus;
import io.baas.crd.PeerNode;
import io.baas.k8s.build.PeerNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRole;
import io.baas.runtime.NodeIdentity;
import io.baas.runtime.NodeRun;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a PeerNode, in named steps: keep the finalizer; check that its namespace belongs to its
 * organization; hold its identity (issued once from the organization's CAs and kept in custody, so
 * renewals reach the node); have the runtime run it; write the status once. On deletion the
 * runtime removes the node and the held identity goes, then the finalizer.
 */
public class PeerNodeReconciler {

    private final KubernetesClient client;
    private final NodeRuntime runtime;
    private final PlatformSettings platform;
    private final Clock clock;
    private final NodeCustody custody;

    public PeerNodeReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock) {
        this.client = client;
        this.runtime = runtime;
        this.platform = platform;
        this.clock = clock;
        this.custody = new NodeCustody(client, platform, clock);
    }

    public ReconcileResult reconcile(String namespace, String name) {
        PeerNode peer = client.resources(PeerNode.class).inNamespace(namespace).withName(name).get();
        Map<io.baas.k8s.Applier.Outcome, Integer> outcomes = new EnumMap<>(io.baas.k8s.Applier.Outcome.class);
        if (peer == null) {
            return new ReconcileResult(outcomes, true);
        }
        if (Finalizers.deleting(peer)) {
            remove(peer, outcomes);
            return new ReconcileResult(outcomes, true);
        }
        try {
            peer = Finalizers.ensure(client, peer, Finalizers.NODE);
            NodeCustody.HeldNode held = custody.prepare(peer, peer.getSpec().organization, IdentityRole.PEER,
                    NodeCustody.hosts(peer.getSpec().extraHosts, runtime.tlsHosts()));
            NodeIdentity identity = held.nodeIdentity();
            NodeRun run = runtime.runPeer(peer, new PeerNodeBuilder.Inputs(identity.mspId(), held.material(),
                    otherPeers(peer), platform.operationsTls(), identity.tlsCaPem()), identity);
            run.writes().forEach(outcome -> ReconcileResult.count(outcomes, outcome));
            writeStatus(peer, held.identity(), run.running(), null);
        } catch (RuntimeException e) {
            writeStatus(peer, null, false, e);
            throw e;
        }
        return new ReconcileResult(outcomes, false);
    }

    private void remove(PeerNode peer, Map<io.baas.k8s.Applier.Outcome, Integer> outcomes) {
        if (!peer.getMetadata().getFinalizers().contains(Finalizers.NODE)) {
            return;
        }
        runtime.removePeer(peer).writes().forEach(outcome -> ReconcileResult.count(outcomes, outcome));
        custody.release(peer, peer.getSpec().organization);
        Finalizers.release(client, peer, Finalizers.NODE);
    }

    private List<String> otherPeers(PeerNode peer) {
        return client.resources(PeerNode.class).inNamespace(peer.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getSpec() != null && peer.getSpec().organization.equals(p.getSpec().organization))
                .filter(p -> !Finalizers.deleting(p))
                .map(p -> p.getMetadata().getName())
                .filter(other -> !other.equals(peer.getMetadata().getName()))
                .sorted()
                .toList();
    }

    private void writeStatus(PeerNode peer, Identity identity, boolean running, RuntimeException failure) {
        long generation = peer.getMetadata().getGeneration() == null ? 0 : peer.getMetadata().getGeneration();
        NodeStatus status;
        if (failure == null) {
            String host = PeerNodeBuilder.endpoint(peer.getMetadata().getName(), peer.getMetadata().getNamespace(), platform);
            host = host.substring(0, host.lastIndexOf(':'));
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("peer", host + ":" + PeerNodeBuilder.PEER_PORT);
            endpoints.put("chaincode", host + ":" + PeerNodeBuilder.CHAINCODE_PORT);
            endpoints.put("operations", host + ":" + PeerNodeBuilder.OPERATIONS_PORT);
            status = NodeStatuses.healthy(peer.getStatus(), generation, endpoints, identity, running, "peer", clock);
        } else {
            status = NodeStatuses.failed(peer.getStatus(), generation, failure, clock);
        }
        NodeStatuses.write(client, PeerNode.class, peer, status);
    }
}
