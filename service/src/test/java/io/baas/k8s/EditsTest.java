package io.baas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An edit that races a reconciler's write is read and applied again; one that keeps losing is the caller's 409. */
class EditsTest {

    @Test
    void aConflictIsRetriedUntilTheEditLands() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Edits.retryingConflicts(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new KubernetesClientException("the object has been modified", 409, null);
            }
            return "edited";
        });
        assertThat(result).isEqualTo("edited");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aConflictThatStaysIsAConflictAndOtherFailuresPass() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Edits.retryingConflicts(() -> {
            attempts.incrementAndGet();
            throw new KubernetesClientException("the object has been modified", 409, null);
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        assertThat(attempts).hasValue(5);
        assertThatThrownBy(() -> Edits.retryingConflicts(() -> {
            throw new KubernetesClientException("forbidden", 403, null);
        })).isInstanceOf(KubernetesClientException.class);
    }
}
