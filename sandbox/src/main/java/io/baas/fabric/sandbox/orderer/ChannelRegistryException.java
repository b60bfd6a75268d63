package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.SandboxException;

/** A channel participation request the registry refuses; the reason decides the HTTP answer. */
public final class ChannelRegistryException extends SandboxException {

    public enum Reason { INVALID_JOIN_BLOCK, CANNOT_JOIN, ALREADY_EXISTS, NOT_FOUND }

    private final Reason reason;

    public ChannelRegistryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
