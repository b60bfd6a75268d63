package io.baas.reconcile;

/** A reconcile pass that cannot go on, with the CamelCase reason its Degraded condition shows. */
public class ReconcileException extends RuntimeException {

    private final String reason;

    public ReconcileException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
