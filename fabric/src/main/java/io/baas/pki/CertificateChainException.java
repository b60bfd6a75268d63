package io.baas.pki;

/** A certificate does not chain to the expected trust anchors, or is not valid for its use. */
public final class CertificateChainException extends PkiException {

    public CertificateChainException(String message) {
        super(message);
    }

    public CertificateChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
