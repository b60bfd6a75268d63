package io.baas.pki;

/** Base of every failure of the PKI: bad input material, a broken chain, a refused identity. */
public class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
