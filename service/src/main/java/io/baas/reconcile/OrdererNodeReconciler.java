package io.baas.reconcile;

import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.k8s.Applier;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRole;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an OrdererNode, in the same named steps as a peer: its organization's namespace, its held
 * identity, its Secret and ConfigMap, Service and StatefulSet, one status write.
 */
public class OrdererNodeReconciler {

    private final KubernetesClient client;
    private final Applier applier;
    private final PlatformSettings platform;
    private final Clock clock;
    private final NodeCustody custody;

    public OrdererNodeReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock) {
        this.client = client;
        this.applier = applier;
        this.platform = platform;
        this.clock = clock;
        this.custody = new NodeCustody(client, platform, clock);
    }

    public ReconcileResult reconcile(String namespace, String name) {
        OrdererNode orderer = client.resources(OrdererNode.class).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (orderer == null || orderer.getMetadata().getDeletionTimestamp() != null) {
            return new ReconcileResult(outcomes, true);
        }
        try {
            NodeCustody.HeldNode held = custody.prepare(orderer, orderer.getSpec().organization, IdentityRole.ORDERER,
                    orderer.getSpec().extraHosts);
            ReconcileResult.count(outcomes, applier.apply(held.material().secret()));
            ReconcileResult.count(outcomes, applier.apply(held.material().configMap()));
            OrdererNodeBuilder.Objects objects = OrdererNodeBuilder.build(orderer,
                    new OrdererNodeBuilder.Inputs(held.organization().getSpec().mspId, held.material(), false), platform);
            ReconcileResult.count(outcomes, applier.apply(objects.service()));
            ReconcileResult.count(outcomes, applier.apply(objects.statefulSet()));
            writeStatus(orderer, held.identity(), null);
        } catch (RuntimeException e) {
            writeStatus(orderer, null, e);
            throw e;
        }
        return new ReconcileResult(outcomes, false);
    }

    private void writeStatus(OrdererNode orderer, Identity identity, RuntimeException failure) {
        long generation = orderer.getMetadata().getGeneration() == null ? 0 : orderer.getMetadata().getGeneration();
        NodeStatus status;
        if (failure == null) {
            String host = OrdererNodeBuilder.host(orderer.getMetadata().getName(), orderer.getMetadata().getNamespace(), platform);
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("client", host + ":" + OrdererNodeBuilder.CLIENT_PORT);
            endpoints.put("cluster", host + ":" + OrdererNodeBuilder.CLUSTER_PORT);
            endpoints.put("admin", host + ":" + OrdererNodeBuilder.ADMIN_PORT);
            StatefulSet set = client.apps().statefulSets().inNamespace(orderer.getMetadata().getNamespace())
                    .withName(orderer.getMetadata().getName()).get();
            status = NodeStatuses.healthy(orderer.getStatus(), generation, endpoints, identity, set, "orderer", clock);
        } else {
            status = NodeStatuses.failed(orderer.getStatus(), generation, failure, clock);
        }
        NodeStatuses.write(client, OrdererNode.class, orderer, status);
    }
}
