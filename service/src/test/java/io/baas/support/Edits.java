package io.baas.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Edits of a resource the reconcilers also write (its status): as kubectl edit, read again on a conflict. */
public final class Edits {

    private Edits() {
    }

    /** Applies {@code change} to the stored object; a 409 (written meanwhile) reads it again and applies the change anew. */
    public static <T extends HasMetadata> void retryingConflicts(Resource<T> resource, UnaryOperator<T> change) {
        KubeSphereFixtures.await(() -> {
            try {
                resource.edit(change);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                return false;
            }
        }, Duration.ofMinutes(1));
    }
}
