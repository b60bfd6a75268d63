package io.baas.pki;

import java.time.Instant;

/** The notBefore / notAfter window of one certificate. */
public record Validity(Instant notBefore, Instant notAfter) {

    public Validity {
        if (!notAfter.isAfter(notBefore)) {
            throw new PkiException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    /** The same window, cut so it ends no later than {@code limit} (a certificate cannot outlive its issuer). */
    Validity endingNoLaterThan(Instant limit) {
        return notAfter.isAfter(limit) ? new Validity(notBefore, limit) : this;
    }
}
