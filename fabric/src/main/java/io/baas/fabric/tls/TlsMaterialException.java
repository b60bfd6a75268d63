package io.baas.fabric.tls;

import io.baas.fabric.FabricDataException;

/** Key or certificate material the JSSE cannot load into a key store or a TLS context. */
public final class TlsMaterialException extends FabricDataException {

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
