package io.baas.pki.lifecycle;

import io.baas.pki.PkiException;

/** The platform was asked to use, renew or export a revoked certificate. */
public final class RevokedIdentityException extends PkiException {

    private final transient RevocationRecord record;

    public RevokedIdentityException(String message, RevocationRecord record) {
        super(message);
        this.record = record;
    }

    public RevocationRecord record() {
        return record;
    }
}
