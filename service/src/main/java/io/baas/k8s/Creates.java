package io.baas.k8s;

import io.baas.error.DomainException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Creating an object whose name may be taken: the API server's 409 becomes the caller's 409, in words. */
public final class Creates {

    private Creates() {
    }

    /** Runs the create; when the name is taken, a conflict with {@code whenTaken} as its message. */
    public static <T> T orConflict(Supplier<T> create, String whenTaken) {
        try {
            return create.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw DomainException.conflict(whenTaken);
            }
            throw e;
        }
    }
}
