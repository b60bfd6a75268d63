package io.baas.pki.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.Identity;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

    @Test
    void expirySummariesCarryWhatAGaugeNeeds() {
        var cas = TestOrganizations.org1(TestClocks.at(TestOrganizations.NOW));
        Identity peer = TestOrganizations.peer0(cas);
        var clock = TestClocks.at(TestOrganizations.NOW.plus(Duration.ofDays(100)));

        var expiries = CertificateExpiry.of("Org1MSP", peer, clock);
        var caExpiries = CertificateExpiry.of(cas, clock);

        assertEquals(2, expiries.size());
        CertificateExpiry tls = expiries.get(1);
        assertEquals("peer0", tls.owner());
        assertEquals(CertificateExpiry.TLS, tls.purpose());
        assertEquals(peer.tls().certificate().getNotAfter().toInstant().getEpochSecond(), tls.notAfterEpochSeconds());
        assertEquals(peer.tls().certificate().getSerialNumber().toString(16), tls.serial());
        assertFalse(tls.expired());
        assertEquals(Duration.between(clock.instant(), tls.notAfter()), tls.remaining());
        assertEquals("ca.org1.example.com", caExpiries.get(0).owner());
        assertEquals(CertificateExpiry.TLS_CA, caExpiries.get(1).purpose());
        assertTrue(CertificateExpiry.of("Org1MSP", peer, TestClocks.at(tls.notAfter().plusSeconds(1))).get(0).expired());
    }
}
