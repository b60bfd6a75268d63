package io.baas.pki.fabricca;

import io.baas.pki.PkiException;

/** The Fabric CA answered with an error, or could not be reached. */
public final class FabricCaException extends PkiException {

    private final int status;

    public FabricCaException(int status, String message) {
        super(message);
        this.status = status;
    }

    public FabricCaException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
