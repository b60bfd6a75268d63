package io.baas.pki.lifecycle;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Renew a certificate once its expiry is within the window (30 days by default). */
public record RenewalPolicy(Duration window) {

    public static final RenewalPolicy DEFAULT = new RenewalPolicy(Duration.ofDays(30));

    public RenewalPolicy {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the renewal window must be positive");
        }
    }

    public RenewalDecision decide(X509Certificate certificate, Instant now) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Duration remaining = Duration.between(now, notAfter);
        RenewalDecision.Status status = remaining.isNegative() ? RenewalDecision.Status.EXPIRED
                : remaining.compareTo(window) <= 0 ? RenewalDecision.Status.DUE
                : RenewalDecision.Status.NOT_DUE;
        return new RenewalDecision(status, notAfter, remaining);
    }
}
