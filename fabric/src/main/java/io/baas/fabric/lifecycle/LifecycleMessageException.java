package io.baas.fabric.lifecycle;

import io.baas.fabric.FabricDataException;

/** A {@code _lifecycle} invocation that cannot be built or whose arguments do not decode. */
public final class LifecycleMessageException extends FabricDataException {

    public LifecycleMessageException(String message) {
        super(message);
    }
}
