package io.baas.pki.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.AlternativeNames;
import io.baas.pki.CertificateAuthority;
import io.baas.pki.CertificateChainException;
import io.baas.pki.CertifiedKey;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Fixtures;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.RevocationReason;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import io.baas.pki.ValidityPolicy;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

class IdentityRenewerTest {

    private final TestClocks.Mutable clock = new TestClocks.Mutable(TestOrganizations.NOW);
    private final OrganizationCas cas = TestOrganizations.org1(clock);
    private final Identity peer = TestOrganizations.peer0(cas);
    private final IdentityRenewer renewer = new IdentityRenewer(cas, new RenewalPolicy(Duration.ofDays(30)));

    @Test
    void nothingIsRenewedOutsideTheWindow() {
        clock.set(peer.tls().certificate().getNotAfter().toInstant().minus(Duration.ofDays(31)));

        assertTrue(renewer.renewDue(peer, RevocationList.empty()).isEmpty());
    }

    @Test
    void renewsWithinTheWindowKeepingKeysSubjectsAndNames() throws Exception {
        clock.set(peer.tls().certificate().getNotAfter().toInstant().minus(Duration.ofDays(10)));

        Identity renewed = renewer.renewDue(peer, RevocationList.empty()).orElseThrow();

        assertSameButLater(peer.signing(), renewed.signing());
        assertSameButLater(peer.tls(), renewed.tls());
        assertEquals(AlternativeNames.of(peer.tls().certificate()), AlternativeNames.of(renewed.tls().certificate()));
        assertEquals(peer.tls().certificate().getExtendedKeyUsage(), renewed.tls().certificate().getExtendedKeyUsage());
        new ChainVerifier(clock).verify(List.of(renewed.tls().certificate()), List.of(cas.tlsCa().certificate()),
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertTrue(renewer.renewDue(renewed, RevocationList.empty()).isEmpty(), "renewed once, not again");
    }

    @Test
    void renewsExpiredCertificatesToo() {
        clock.set(peer.signing().certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)));

        Identity renewed = renewer.renewDue(peer, RevocationList.empty()).orElseThrow();

        new ChainVerifier(clock).verify(List.of(renewed.signing().certificate()), List.of(cas.signingCa().certificate()));
    }

    @Test
    void refusesToRenewARevokedIdentity() {
        RevocationList revoked = RevocationList.empty().revoke(peer, RevocationReason.KEY_COMPROMISE, clock.instant());
        clock.advance(Duration.ofDays(350));

        RevokedIdentityException e = assertThrows(RevokedIdentityException.class, () -> renewer.renewDue(peer, revoked));
        assertEquals(RevocationReason.KEY_COMPROMISE, e.record().reason());
    }

    @Test
    void refusesToReissueACertificateOfAnotherCa() {
        OrganizationCas other = TestOrganizations.org1(clock);

        assertThrows(CertificateChainException.class,
                () -> other.signingCa().reissue(peer.signing().certificate()));
        assertThrows(CertificateChainException.class,
                () -> cas.signingCa().reissue(peer.tls().certificate()), "the TLS CA issued it, not the signing CA");
    }

    @Test
    void renewsACryptogenCertificateWithItsOwnCa() {
        CertifiedKey cryptogenCa = CertifiedKey.fromPem(Fixtures.read(Fixtures.org1("ca/ca.org1.example.com-cert.pem")),
                Fixtures.read(Fixtures.org1("ca/priv_sk")));
        X509Certificate peerCert = Pem.certificate(Fixtures.read(
                Fixtures.org1("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem")));
        Instant nearExpiry = peerCert.getNotAfter().toInstant().minus(Duration.ofDays(5));
        CertificateAuthority ca = CertificateAuthority.load(cryptogenCa, List.of(), TestClocks.at(nearExpiry), ValidityPolicy.DEFAULT);

        X509Certificate renewed = ca.reissue(peerCert);

        assertEquals(peerCert.getPublicKey(), renewed.getPublicKey());
        assertEquals(peerCert.getSubjectX500Principal(), renewed.getSubjectX500Principal());
        assertEquals(cryptogenCa.certificate().getNotAfter(), renewed.getNotAfter(), "cut at the CA's expiry");
    }

    private static void assertSameButLater(CertifiedKey before, CertifiedKey after) {
        assertEquals(before.publicKey(), after.publicKey());
        assertEquals(before.privateKey(), after.privateKey());
        assertEquals(before.certificate().getSubjectX500Principal(), after.certificate().getSubjectX500Principal());
        assertNotEquals(before.certificate().getSerialNumber(), after.certificate().getSerialNumber());
        assertTrue(after.certificate().getNotAfter().after(before.certificate().getNotAfter()));
    }
}
