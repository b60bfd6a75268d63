package io.baas.fabric.sandbox.common;

import io.baas.fabric.sandbox.SandboxException;
import org.hyperledger.fabric.protos.common.Status;

/** A broadcast or deliver request the orderer refuses, with the status Fabric answers it with. */
public final class RejectedException extends SandboxException {

    private final Status status;

    public RejectedException(Status status, String info) {
        super(info);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    /** The same rejection with Fabric's wrapping context in front of the message. */
    public RejectedException prefixed(String context) {
        return new RejectedException(status, context + ": " + getMessage());
    }
}
