package io.baas.fabric.sandbox.peer.chaincode;

import io.baas.fabric.sandbox.SandboxException;

/** A chaincode jar that cannot be loaded or driven (not a chaincode's own error, which is a response). */
public final class ChaincodeExecutionException extends SandboxException {

    public ChaincodeExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
