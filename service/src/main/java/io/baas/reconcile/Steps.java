package io.baas.reconcile;

import io.baas.crd.CamelCase;
import java.util.function.Supplier;

/**
 * Runs a reconcile pass's steps, which each reconciler lists as an enum in the order it runs them.
 * It remembers the step under way, so a failure names where it happened: in the Degraded
 * condition's message and in the Event ({@link ReconcileException#describe()}).
 */
final class Steps<S extends Enum<S>> {

    private S current;

    void run(S step, Runnable body) {
        current = step;
        body.run();
    }

    <T> T get(S step, Supplier<T> body) {
        current = step;
        return body.get();
    }

    /** The failure, named by the step under way (its reason kept; anything unforeseen is ApplyFailed). */
    ReconcileException failure(RuntimeException e) {
        return ReconcileException.inStep(current == null ? null : CamelCase.of(current), e);
    }
}
