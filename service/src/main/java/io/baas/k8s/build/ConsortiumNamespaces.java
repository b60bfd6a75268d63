package io.baas.k8s.build;

import io.baas.config.PodSecurityLevel;
import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A consortium's isolation (docs/architecture.md), as objects: one namespace per member organization, that
 * KubeSphere shows as a project of that organization's workspace; and in each, a NetworkPolicy
 * admitting traffic only from the consortium's namespaces, the service, and the monitoring stack.
 * Pure: no client, no CDI.
 *
 * <p>Names and ownership: a member's namespace is first named {@code <consortium>-<organization>}, and
 * that name is recorded in the Consortium's status ({@code status.namespaces}, written only by the
 * service) once the service has created it. Namespaces are created, never adopted: each carries
 * {@link #UID_ANNOTATION} with the consortium's uid, and the service patches, deletes or writes into
 * a namespace only when it is recorded and carries that annotation. A name that two consortia could
 * both form ({@code a-b}+{@code c}, {@code a}+{@code b-c}) therefore goes to the first; the second
 * finds it taken and is refused. Names in KubeSphere's and Kubernetes' own spaces are refused
 * before anything is written ({@link #reservedReason}).
 */
public final class ConsortiumNamespaces {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "ks-baas";
    public static final String ISOLATION_POLICY = "baas-consortium-isolation";
    /** On every namespace a consortium made: the uid of that consortium. Only those are ever patched or deleted. */
    public static final String UID_ANNOTATION = "baas.io/consortium-uid";
    /** Set by Kubernetes on every namespace, with a value only the name decides: the way to select one namespace by name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    /** Namespaces of Kubernetes, KubeSphere and OpenShift: a consortium may never name one of its own like these. */
    static final List<String> RESERVED_PREFIXES = List.of("kube-", "kubesphere-", "openshift-");
    static final String RESERVED_NAME = "default";

    private ConsortiumNamespaces() {
    }

    /** The name a member's namespace gets when the consortium first makes it. */
    public static String namespaceName(String consortium, String organization) {
        String name = consortium + "-" + organization;
        if (name.length() > 63) {
            throw new IllegalArgumentException("The namespace " + name + " would be longer than 63 characters; "
                    + "choose a shorter consortium or organization name");
        }
        return name;
    }

    /** Why a namespace of this name must never be a consortium's, or null when it may be. */
    public static String reservedReason(String namespace) {
        if (RESERVED_NAME.equals(namespace)) {
            return "The namespace " + namespace + " is reserved";
        }
        return RESERVED_PREFIXES.stream().filter(namespace::startsWith).findFirst()
                .map(prefix -> "The namespace " + namespace + " would start with " + prefix + ", reserved for the platform")
                .orElse(null);
    }

    /** Why the consortium's names cannot make its namespaces (reserved, too long), or null when they can. */
    public static String refusal(Consortium consortium) {
        String name = consortium.getMetadata().getName();
        for (Consortium.Member member : consortium.getSpec().members) {
            String namespace;
            try {
                namespace = namespaceName(name, member.organization);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            String reason = reservedReason(namespace);
            if (reason != null) {
                return "Consortium " + name + ", organization " + member.organization + ": " + reason;
            }
        }
        if (reservedReason(name + "-") != null) {
            return "Consortium " + name + ": its namespaces, " + name + "-<organization>, would start with a prefix reserved for the platform";
        }
        return null;
    }

    /** True when the namespace was made by this consortium (not by someone who chose the same name). */
    public static boolean madeBy(Namespace namespace, Consortium consortium) {
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        String uid = consortium.getMetadata().getUid();
        return uid != null && annotations != null && uid.equals(annotations.get(UID_ANNOTATION));
    }

    /** True when a label the service sets on the namespace is missing or was changed. */
    public static boolean labelsDrifted(Namespace stored, Namespace desired) {
        Map<String, String> labels = stored.getMetadata().getLabels() == null ? Map.of() : stored.getMetadata().getLabels();
        return desired.getMetadata().getLabels().entrySet().stream().anyMatch(e -> !e.getValue().equals(labels.get(e.getKey())));
    }

    /**
     * The member's namespace as the consortium wants it. Namespaces carry no ownerReference: KubeSphere
     * owns them through the workspace label. The labels are for KubeSphere, people and Pod Security
     * admission (the platform's level); the annotation is what ownership is decided by.
     */
    public static Namespace namespace(Consortium consortium, Consortium.Member member, String name, PlatformSettings platform) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BaasResource.WORKSPACE_LABEL, member.workspace);
        labels.put(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName());
        labels.put(BaasResource.ORGANIZATION_LABEL, member.organization);
        labels.put(MANAGED_BY, MANAGER);
        // KubeSphere 4 creates its project roles (admin, operator, viewer) only in managed namespaces.
        labels.put("kubesphere.io/managed", "true");
        String podSecurity = platform.namespacePodSecurity().value();
        if (podSecurity != null) {
            // Enforced by the API server's Pod Security admission; "latest" follows the cluster's own version of the standard.
            labels.put(PodSecurityLevel.ENFORCE_LABEL, podSecurity);
            labels.put(PodSecurityLevel.ENFORCE_VERSION_LABEL, "latest");
        }
        return new NamespaceBuilder().withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(Map.of(UID_ANNOTATION, consortium.getMetadata().getUid()))
                .endMetadata().build();
    }

    /**
     * The policy of one of the consortium's namespaces: ingress only from the consortium's own
     * namespaces, chosen by name (a label anyone can put on their project would let them in), the
     * service's and the monitoring stack's.
     */
    public static NetworkPolicy isolationPolicy(Consortium consortium, String namespace, Collection<String> consortiumNamespaces,
                                                PlatformSettings platform) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        new TreeSet<>(consortiumNamespaces).forEach(name -> peers.add(namespaceWithLabel(NAMESPACE_NAME_LABEL, name)));
        peers.add(namespaceWithLabel(NAMESPACE_NAME_LABEL, platform.serviceNamespace()));
        peers.add(namespaceWithLabel(NAMESPACE_NAME_LABEL, platform.monitoringNamespace()));
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(ISOLATION_POLICY).withNamespace(namespace)
                .withLabels(Map.of(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName(), MANAGED_BY, MANAGER))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(peers).endIngress()
                .endSpec()
                .build();
    }

    private static NetworkPolicyPeer namespaceWithLabel(String key, String value) {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector().addToMatchLabels(key, value).endNamespaceSelector().build();
    }
}
