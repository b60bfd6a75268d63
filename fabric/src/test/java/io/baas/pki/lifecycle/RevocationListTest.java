package io.baas.pki.lifecycle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.OrganizationCas;
import io.baas.pki.PkiException;
import io.baas.pki.RevocationReason;
import io.baas.pki.SubjectKeyIds;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RevocationListTest {

    private static final Instant REVOKED_AT = TestOrganizations.NOW.plus(Duration.ofDays(3));

    private final OrganizationCas cas = TestOrganizations.org1(TestClocks.at(TestOrganizations.NOW));
    private final Identity alice = new IdentityIssuer(cas).issue(IdentityRequest.user(IdentityRole.USER, "alice"));
    private final Identity bob = new IdentityIssuer(cas).issue(IdentityRequest.user(IdentityRole.USER, "bob"));

    @Test
    void recordsSerialReasonAndTimeAndRefusesTheIdentity() {
        RevocationList list = RevocationList.empty().revoke(alice, RevocationReason.AFFILIATION_CHANGED, REVOKED_AT);

        RevocationRecord record = list.find(alice.signing().certificate()).orElseThrow();
        assertEquals(alice.signing().certificate().getSerialNumber(), record.serial());
        assertEquals(HexFormat.of().formatHex(SubjectKeyIds.of(cas.signingCa().certificate().getPublicKey())), record.issuerKeyId());
        assertEquals(RevocationReason.AFFILIATION_CHANGED, record.reason());
        assertEquals(3, record.reason().code());
        assertEquals(REVOKED_AT, record.revokedAt());
        assertEquals(2, list.records().size(), "signing and TLS certificate");
        assertThrows(RevokedIdentityException.class, () -> list.requireNotRevoked(alice));
        assertThrows(RevokedIdentityException.class, () -> list.requireNotRevoked(alice.tls().certificate()));
        assertDoesNotThrow(() -> list.requireNotRevoked(bob));
    }

    @Test
    void aRenewedCertificateOfARevokedKeyStaysRevoked() {
        RevocationList list = RevocationList.empty().revoke(alice.signing().certificate(), RevocationReason.KEY_COMPROMISE, REVOKED_AT);

        var renewed = cas.signingCa().reissue(alice.signing().certificate());

        assertThrows(RevokedIdentityException.class, () -> list.requireNotRevoked(renewed));
    }

    @Test
    void revokingTwiceKeepsTheFirstRecord() {
        RevocationList once = RevocationList.empty().revoke(alice, RevocationReason.KEY_COMPROMISE, REVOKED_AT);

        assertSame(once, once.revoke(alice, RevocationReason.SUPERSEDED, REVOKED_AT.plusSeconds(60)));
        assertTrue(RevocationList.of(once.records()).find(alice.tls().certificate()).isPresent());
    }

    @Test
    void onlyIssuedCertificatesCanBeRevoked() {
        assertThrows(PkiException.class, () -> RevocationList.empty()
                .revoke(cas.signingCa().certificate(), RevocationReason.CA_COMPROMISE, REVOKED_AT));
    }
}
