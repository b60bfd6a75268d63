package io.baas.organization;

import io.baas.crd.Organization;
import io.baas.k8s.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Deliberately wrong, for ArchitectureTest: a domain service writing a resource's status beside its
 * reconciler. It lives in test sources, so it compiles but never ships, and nothing calls it.
 */
public final class StatusWritingFixture {

    private StatusWritingFixture() {
    }

    public static void markReady(KubernetesClient client, Organization organization) {
        StatusWriter.update(client, organization, status -> {
            status.phase = Organization.Status.Phase.READY;
            return status;
        });
    }
}
