package io.baas.k8s.build;

import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consortium's isolation (DESIGN.md §2), as objects: one namespace per member organization,
 * {@code <consortium>-<organization>}, that KubeSphere shows as a project of that organization's
 * workspace; and in each, a NetworkPolicy admitting traffic only from the consortium's namespaces,
 * the service, and the monitoring stack. Pure: no client, no CDI.
 */
public final class ConsortiumNamespaces {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "ks-baas";
    public static final String ISOLATION_POLICY = "baas-consortium-isolation";
    /** Set by Kubernetes on every namespace: the way to select one namespace by name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private ConsortiumNamespaces() {
    }

    public static String namespaceName(String consortium, String organization) {
        String name = consortium + "-" + organization;
        if (name.length() > 63) {
            throw new IllegalArgumentException("The namespace " + name + " would be longer than 63 characters; "
                    + "choose a shorter consortium or organization name");
        }
        return name;
    }

    /** Namespaces carry no ownerReference: KubeSphere owns them through the workspace label. */
    public static List<Namespace> namespaces(Consortium consortium) {
        List<Namespace> namespaces = new ArrayList<>();
        for (Consortium.Member member : consortium.getSpec().members) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(BaasResource.WORKSPACE_LABEL, member.workspace);
            labels.put(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName());
            labels.put(BaasResource.ORGANIZATION_LABEL, member.organization);
            labels.put(MANAGED_BY, MANAGER);
            // KubeSphere 4 creates its project roles (admin, operator, viewer) only in managed namespaces.
            labels.put("kubesphere.io/managed", "true");
            namespaces.add(new NamespaceBuilder().withNewMetadata()
                    .withName(namespaceName(consortium.getMetadata().getName(), member.organization))
                    .withLabels(labels)
                    .endMetadata().build());
        }
        return namespaces;
    }

    public static List<NetworkPolicy> isolationPolicies(Consortium consortium, PlatformSettings platform) {
        List<NetworkPolicy> policies = new ArrayList<>();
        for (Namespace namespace : namespaces(consortium)) {
            List<NetworkPolicyPeer> peers = List.of(
                    namespaceWithLabel(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName()),
                    namespaceWithLabel(NAMESPACE_NAME_LABEL, platform.serviceNamespace()),
                    namespaceWithLabel(NAMESPACE_NAME_LABEL, platform.monitoringNamespace()));
            policies.add(new NetworkPolicyBuilder()
                    .withNewMetadata().withName(ISOLATION_POLICY).withNamespace(namespace.getMetadata().getName())
                    .withLabels(Map.of(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName(), MANAGED_BY, MANAGER))
                    .endMetadata()
                    .withNewSpec()
                    .withNewPodSelector().endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress().withFrom(peers).endIngress()
                    .endSpec()
                    .build());
        }
        return policies;
    }

    private static NetworkPolicyPeer namespaceWithLabel(String key, String value) {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector().addToMatchLabels(key, value).endNamespaceSelector().build();
    }
}
