package io.baas.fabric.admin;

/** An administrative call to a Fabric node that failed, with the node's own words where it gave any. */
public class FabricAdminException extends RuntimeException {

    public enum Reason {
        /** The node said no (bad block, bad request): retrying the same call will not help. */
        REFUSED,
        /** The node could not be reached or failed inside: retrying later may help. */
        UNAVAILABLE,
        /** The node answered something that is not its protocol. */
        PROTOCOL
    }

    private final Reason reason;
    private final int status;

    public FabricAdminException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP or gRPC status the node answered with; 0 when none came. */
    public int status() {
        return status;
    }
}
