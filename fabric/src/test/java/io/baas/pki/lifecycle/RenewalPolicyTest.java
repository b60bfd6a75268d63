package io.baas.pki.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {

    private final X509Certificate certificate =
            TestOrganizations.peer0(TestOrganizations.org1(TestClocks.at(TestOrganizations.NOW))).signing().certificate();
    private final Instant notAfter = certificate.getNotAfter().toInstant();
    private final RenewalPolicy policy = new RenewalPolicy(Duration.ofDays(30));

    @Test
    void decidesByTheTimeLeft() {
        RenewalDecision early = policy.decide(certificate, notAfter.minus(Duration.ofDays(31)));
        RenewalDecision atEdge = policy.decide(certificate, notAfter.minus(Duration.ofDays(30)));
        RenewalDecision late = policy.decide(certificate, notAfter.plusSeconds(1));

        assertEquals(RenewalDecision.Status.NOT_DUE, early.status());
        assertFalse(early.shouldRenew());
        assertEquals(RenewalDecision.Status.DUE, atEdge.status());
        assertTrue(atEdge.shouldRenew());
        assertEquals(RenewalDecision.Status.EXPIRED, late.status());
        assertEquals(Duration.ofSeconds(-1), late.remaining());
        assertEquals(notAfter, late.notAfter());
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RenewalPolicy(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RenewalPolicy(Duration.ofDays(-1)));
    }
}
