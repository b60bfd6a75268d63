package io.baas.pki;

/** A private key was paired with a certificate whose public key is not its own. */
public final class KeyMismatchException extends PkiException {

    public KeyMismatchException(String message) {
        super(message);
    }
}
