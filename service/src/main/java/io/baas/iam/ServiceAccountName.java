package io.baas.iam;

import io.baas.k8s.Names;
import java.util.Optional;

/**
 * A KubeSphere 4 ServiceAccount ({@code kubesphere.io/v1alpha1}) as callers are named after it:
 * {@code kubesphere:serviceaccount:<namespace>:<name>}. KubeSphere counts a name as one when it has
 * this prefix and exactly four colon-separated parts; Kubernetes' own service accounts are
 * {@code system:serviceaccount:<namespace>:<name>}.
 */
public record ServiceAccountName(String namespace, String name) {

    public static final String KUBESPHERE_PREFIX = "kubesphere:serviceaccount:";
    public static final String KUBERNETES_PREFIX = "system:serviceaccount:";
    /** The API group of KubeSphere's ServiceAccount kind, which binding subjects name it by. */
    public static final String KUBESPHERE_GROUP = "kubesphere.io";
    /** Binding subjects of Kubernetes' service accounts carry the RBAC group. */
    public static final String KUBERNETES_GROUP = "rbac.authorization.k8s.io";

    /** Empty unless {@code username} has the shape of a KubeSphere service account's name. */
    public static Optional<ServiceAccountName> parse(String username) {
        if (username == null || !username.startsWith(KUBESPHERE_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = username.split(":", -1);
        return parts.length == 4 ? Optional.of(new ServiceAccountName(parts[2], parts[3])) : Optional.empty();
    }

    /** Could such an object exist: a namespace is a DNS label, a custom resource's name a DNS subdomain. */
    public boolean valid() {
        return Names.isDnsLabel(namespace) && Names.isDnsSubdomain(name);
    }

    public String username() {
        return KUBESPHERE_PREFIX + namespace + ":" + name;
    }

    /**
     * Does a binding subject of kind ServiceAccount name this caller? Which kind of account it means
     * is told by its API group alone, as in KubeSphere's authorizer: none other counts.
     */
    public static boolean subjectNames(String apiGroup, String namespace, String name, String username) {
        String prefix = switch (apiGroup) {
            case KUBESPHERE_GROUP -> KUBESPHERE_PREFIX;
            case KUBERNETES_GROUP -> KUBERNETES_PREFIX;
            default -> null;
        };
        return prefix != null && !namespace.isEmpty() && username.equals(prefix + namespace + ":" + name);
    }

    @Override
    public String toString() {
        return username();
    }
}
