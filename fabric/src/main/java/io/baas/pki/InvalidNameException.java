package io.baas.pki;

/** A name that would go into a certificate or a file path is not acceptable there. */
public final class InvalidNameException extends PkiException {

    public InvalidNameException(String message) {
        super(message);
    }
}
