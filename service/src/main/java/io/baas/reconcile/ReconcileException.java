package io.baas.reconcile;

import io.baas.crd.ConditionReason;
import java.util.Optional;

/**
 * A reconcile pass that cannot go on: the reason its Degraded condition shows and, once it has
 * passed through {@link Steps}, the step it happened in.
 */
public class ReconcileException extends RuntimeException {

    private final ConditionReason reason;
    private final String step;

    public ReconcileException(ConditionReason reason, String message) {
        this(reason, message, null, null);
    }

    private ReconcileException(ConditionReason reason, String message, String step, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.step = step;
    }

    public ConditionReason reason() {
        return reason;
    }

    /** The step of the pass that failed, when the pass ran in named steps. */
    public Optional<String> step() {
        return Optional.ofNullable(step);
    }

    /** The message with the step it happened in: what the condition and the Event say. */
    public String describe() {
        return step == null ? getMessage() : "Step " + step + " failed: " + getMessage();
    }

    /** The failure as it happened in a step: a ReconcileException keeps its reason, anything else is {@code ApplyFailed}. */
    public static ReconcileException inStep(String step, RuntimeException e) {
        if (e instanceof ReconcileException r) {
            return r.step != null || step == null ? r : new ReconcileException(r.reason, r.getMessage(), step, r);
        }
        return new ReconcileException(ConditionReason.APPLY_FAILED, String.valueOf(e.getMessage()), step, e);
    }
}
