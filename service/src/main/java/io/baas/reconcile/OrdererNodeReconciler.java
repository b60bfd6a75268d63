package io.baas.reconcile;

import io.baas.crd.OrdererNode;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.IdentityRole;
import io.baas.runtime.NodeRun;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs OrdererNodes ({@link NodeReconciler}'s steps): client, cluster and admin endpoints. */
public class OrdererNodeReconciler {

    private final NodeReconciler<OrdererNode> nodes;

    public OrdererNodeReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock) {
        this(client, runtime, platform, clock, ReconcileTimings.DEFAULTS);
    }

    public OrdererNodeReconciler(KubernetesClient client, NodeRuntime runtime, PlatformSettings platform, Clock clock,
                                 ReconcileTimings timings) {
        this.nodes = new NodeReconciler<>(client, new Orderers(runtime, platform), runtime.tlsHosts(),
                new NodeCustody(client, platform, clock, timings.fabricCaCall()), clock);
    }

    public ReconcileResult reconcile(String namespace, String name) {
        return nodes.reconcile(namespace, name);
    }

    private record Orderers(NodeRuntime runtime, PlatformSettings platform) implements NodeReconciler.Kind<OrdererNode> {

        @Override
        public Class<OrdererNode> type() {
            return OrdererNode.class;
        }

        @Override
        public IdentityRole role() {
            return IdentityRole.ORDERER;
        }

        @Override
        public String organization(OrdererNode orderer) {
            return orderer.getSpec().organization;
        }

        @Override
        public List<String> extraHosts(OrdererNode orderer) {
            return orderer.getSpec().extraHosts;
        }

        @Override
        public NodeRun run(OrdererNode orderer, NodeCustody.HeldNode held) {
            return runtime.runOrderer(orderer, new OrdererNodeBuilder.Inputs(held.organization().getSpec().mspId,
                    held.material(), platform.operationsTls()), held.nodeIdentity());
        }

        @Override
        public NodeRun remove(OrdererNode orderer) {
            return runtime.removeOrderer(orderer);
        }

        @Override
        public Map<String, String> endpoints(OrdererNode orderer) {
            String host = OrdererNodeBuilder.host(orderer.getMetadata().getName(), orderer.getMetadata().getNamespace(), platform);
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("client", host + ":" + OrdererNodeBuilder.CLIENT_PORT);
            endpoints.put("cluster", host + ":" + OrdererNodeBuilder.CLUSTER_PORT);
            endpoints.put("admin", host + ":" + OrdererNodeBuilder.ADMIN_PORT);
            return endpoints;
        }
    }
}
