package io.baas.k8s;

import io.baas.error.DomainException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * A user's edit of an object the reconcilers also write (finalizers, status): the API server
 * refuses the edit with 409 when they wrote in between, so it is read and applied again, a few times.
 */
public final class Edits {

    private static final int ATTEMPTS = 5;

    private Edits() {
    }

    /** Runs the edit (a read, a change, a write) again on 409; a conflict still there after that is the caller's 409. */
    public static <T> T retryingConflicts(Supplier<T> edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return edit.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw DomainException.conflict("The object kept changing while it was edited; try again.");
                }
            }
        }
    }
}
