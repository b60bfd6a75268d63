package io.baas.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The finalizers of the reconcilers: added before anything is made, removed once everything made is
 * gone, so a deleted resource never leaves objects behind that no owner reference can collect
 * (held identities in the service's namespace, chaincode servers in other namespaces).
 */
final class Finalizers {

    static final String NODE = "baas.io/node-cleanup";
    static final String CHAINCODE = "baas.io/chaincode-cleanup";

    private Finalizers() {
    }

    /** The resource with the finalizer, added with one write when missing. */
    static <T extends HasMetadata> T ensure(KubernetesClient client, T resource, String finalizer) {
        if (resource.getMetadata().getFinalizers().contains(finalizer)) {
            return resource;
        }
        return client.resource(resource).edit(r -> {
            if (!r.getMetadata().getFinalizers().contains(finalizer)) {
                r.getMetadata().getFinalizers().add(finalizer);
            }
            return r;
        });
    }

    /** Lets Kubernetes finish the deletion; a resource already gone is fine. */
    static void release(KubernetesClient client, HasMetadata resource, String finalizer) {
        if (client.resource(resource).get() == null) {
            return;
        }
        client.resource(resource).edit(r -> {
            r.getMetadata().getFinalizers().remove(finalizer);
            return r;
        });
    }

    static boolean deleting(HasMetadata resource) {
        return resource.getMetadata().getDeletionTimestamp() != null;
    }
}
