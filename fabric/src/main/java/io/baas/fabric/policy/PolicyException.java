package io.baas.fabric.policy;

import io.baas.fabric.FabricDataException;

/** A policy that cannot be parsed, rendered or compiled. */
public final class PolicyException extends FabricDataException {

    public PolicyException(String message) {
        super(message);
    }
}
