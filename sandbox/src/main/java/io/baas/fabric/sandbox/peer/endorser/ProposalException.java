package io.baas.fabric.sandbox.peer.endorser;

import io.baas.fabric.sandbox.SandboxException;

/** A proposal the endorser refuses before running any chaincode: Fabric answers with a gRPC error carrying the message. */
public final class ProposalException extends SandboxException {

    public ProposalException(String message) {
        super(message);
    }
}
