package io.baas.reconcile;

import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.k8s.Applier;
import io.baas.runtime.NodeRun;
import io.baas.runtime.NodeRuntime;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an OrdererNode, in the same named steps as a peer: the finalizer, its organization's
 * namespace, its held identity, the runtime, one status write; on deletion the runtime removes it
 * and its held identity goes.
 */
public class OrdererNodeReconciler {

    private final KubernetesClient client;
    private final NodeRuntime runtime;
    private final PlatformSettings platform;
    private final Clock clock;
    private final NodeCustody custody;

    public OrdererNodeReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock) {
        this.client = client;
        this.runtime = runtime;
        this.platform = platform;
        this.clock = clock;
        this.custody = new NodeCustody(client, platform, clock);
    }

    public ReconcileResult reconcile(String namespace, String name) {
        OrdererNode orderer = client.resources(OrdererNode.class).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (orderer == null) {
            return new ReconcileResult(outcomes, true);
        }
        if (Finalizers.deleting(orderer)) {
            remove(orderer, outcomes);
            return new ReconcileResult(outcomes, true);
        }
        try {
            orderer = Finalizers.ensure(client, orderer, Finalizers.NODE);
            NodeCustody.HeldNode held = custody.prepare(orderer, orderer.getSpec().organization, IdentityRole.ORDERER,
                    NodeCustody.hosts(orderer.getSpec().extraHosts, runtime.tlsHosts()));
            NodeRun run = runtime.runOrderer(orderer, new OrdererNodeBuilder.Inputs(held.organization().getSpec().mspId,
                    held.material(), platform.operationsTls()), held.nodeIdentity());
            run.writes().forEach(outcome -> ReconcileResult.count(outcomes, outcome));
            writeStatus(orderer, held.identity(), run.running(), null);
        } catch (RuntimeException e) {
            writeStatus(orderer, null, false, e);
            throw e;
        }
        return new ReconcileResult(outcomes, false);
    }

    private void remove(OrdererNode orderer, Map<Applier.Outcome, Integer> outcomes) {
        if (!orderer.getMetadata().getFinalizers().contains(Finalizers.NODE)) {
            return;
        }
        runtime.removeOrderer(orderer).writes().forEach(outcome -> ReconcileResult.count(outcomes, outcome));
        custody.release(orderer, orderer.getSpec().organization);
        Finalizers.release(client, orderer, Finalizers.NODE);
    }

    private void writeStatus(OrdererNode orderer, Identity identity, boolean running, RuntimeException failure) {
        long generation = orderer.getMetadata().getGeneration() == null ? 0 : orderer.getMetadata().getGeneration();
        NodeStatus status;
        if (failure == null) {
            String host = OrdererNodeBuilder.host(orderer.getMetadata().getName(), orderer.getMetadata().getNamespace(), platform);
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("client", host + ":" + OrdererNodeBuilder.CLIENT_PORT);
            endpoints.put("cluster", host + ":" + OrdererNodeBuilder.CLUSTER_PORT);
            endpoints.put("admin", host + ":" + OrdererNodeBuilder.ADMIN_PORT);
            status = NodeStatuses.healthy(orderer.getStatus(), generation, endpoints, identity, running, "orderer", clock);
        } else {
            status = NodeStatuses.failed(orderer.getStatus(), generation, failure, clock);
        }
        NodeStatuses.write(client, OrdererNode.class, orderer, status);
    }
}
