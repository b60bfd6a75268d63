package io.baas.fabric.sandbox.peer.chaincode;

/**
 * A state call the peer's chaincode handler refuses (a permission, an unknown collection, a query
 * rule, data the peer lacks). Fabric's handler answers it with an ERROR message whose payload is
 * {@code <type> failed: transaction ID: <id>: <reason>}; the Java shim then throws its own
 * exception with a generic text, so the reason stays in the peer's log.
 */
final class HandlerException extends RuntimeException {

    HandlerException(String reason) {
        super(reason);
    }

    /** The ERROR payload Fabric's handler sends for a refused message of {@code type}. */
    static String payload(String type, String txId, String reason) {
        return type + " failed: transaction ID: " + txId + ": " + reason;
    }
}
