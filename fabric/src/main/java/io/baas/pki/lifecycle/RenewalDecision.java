package io.baas.pki.lifecycle;

import java.time.Duration;
import java.time.Instant;

/** Whether a certificate should be renewed now, and how long it has left (negative once expired). */
public record RenewalDecision(Status status, Instant notAfter, Duration remaining) {

    public enum Status {
        NOT_DUE,
        DUE,
        /** Past its notAfter: renew at once; its node is already failing TLS handshakes. */
        EXPIRED
    }

    public boolean shouldRenew() {
        return status != Status.NOT_DUE;
    }
}
