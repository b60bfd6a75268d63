package io.baas.fabric.identity;

import io.baas.fabric.FabricDataException;

/** A serialized identity or certificate that cannot be read. */
public final class IdentityException extends FabricDataException {

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
