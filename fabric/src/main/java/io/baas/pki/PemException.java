package io.baas.pki;

/** Text that should hold PEM material does not, or holds the wrong kind or count of it. */
public final class PemException extends PkiException {

    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
