package io.baas.pki.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.ChainVerifier;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.ImportedCa;
import io.baas.pki.OrganizationCas;
import io.baas.pki.PkiException;
import io.baas.pki.SubjectKeyIds;
import io.baas.pki.TestClocks;
import io.baas.pki.TestOrganizations;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.pki.ValidityPolicy;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/** CA renewal with a clock the test moves: same keys, later expiry, earlier identities still valid. */
class CaRenewerTest {

    private final TestClocks.Mutable clock = new TestClocks.Mutable(TestOrganizations.NOW);
    private final CaRenewer renewer = new CaRenewer(new RenewalPolicy(Duration.ofDays(400)));

    @Test
    void nothingIsRenewedOutsideTheWindow() {
        OrganizationCas cas = TestOrganizations.org1(clock);
        clock.advance(Duration.ofDays(3650 - 401));

        CaRenewer.Result result = renewer.renewDue(cas);

        assertFalse(result.changed());
        assertSame(cas, result.cas());
    }

    @Test
    void rootsAreRenewedWithTheSameKeyAndEarlierIdentitiesValidateUnderTheRenewedCertificate() throws Exception {
        OrganizationCas cas = TestOrganizations.org1(clock);
        Identity peer = TestOrganizations.peer0(cas);
        Identity user = new IdentityIssuer(cas).issue(IdentityRequest.user(IdentityRole.USER, "alice"));
        X509Certificate oldSigning = cas.signingCa().certificate();
        X509Certificate oldTls = cas.tlsCa().certificate();

        clock.advance(Duration.ofDays(3650 - 399));
        CaRenewer.Result result = renewer.renewDue(cas);

        assertEquals(List.of("ca.org1.example.com", "tlsca.org1.example.com"), result.renewed());
        X509Certificate signing = result.cas().signingCa().certificate();
        X509Certificate tls = result.cas().tlsCa().certificate();
        assertNotEquals(oldSigning, signing);
        assertEquals(oldSigning.getPublicKey(), signing.getPublicKey());
        assertEquals(oldTls.getPublicKey(), tls.getPublicKey());
        assertEquals(SubjectKeyIds.hex(oldSigning.getPublicKey()), SubjectKeyIds.hex(signing.getPublicKey()));
        assertEquals(oldSigning.getSubjectX500Principal(), signing.getSubjectX500Principal());
        assertTrue(signing.getNotAfter().after(oldSigning.getNotAfter()));
        assertEquals(clock.instant().plus(Duration.ofDays(3650)).minus(ValidityPolicy.DEFAULT.backdate()).getEpochSecond(),
                signing.getNotAfter().toInstant().getEpochSecond());
        assertTrue(signing.getBasicConstraints() >= 0);
        signing.verify(signing.getPublicKey()); // still a self-signed root

        // Certificates issued under the old certificate validate under the renewed one (JDK PKIX).
        clock.set(TestOrganizations.NOW.plus(Duration.ofDays(1)));
        ChainVerifier now = new ChainVerifier(clock);
        now.verify(List.of(peer.signing().certificate()), List.of(signing));
        now.verify(List.of(peer.tls().certificate()), List.of(tls), KeyPurposeId.id_kp_serverAuth);
        now.verify(List.of(user.signing().certificate()), List.of(signing));

        // Identities issued by the renewed CA after the old certificate has expired validate too.
        clock.set(oldSigning.getNotAfter().toInstant().plus(Duration.ofDays(10)));
        OrganizationCas renewed = OrganizationCaSecret.read(OrganizationCaSecret.build("kubesphere-system", "org1", result.cas()),
                TestOrganizations.ORG1, clock, ValidityPolicy.DEFAULT);
        Identity later = new IdentityIssuer(renewed).issue(IdentityRequest.user(IdentityRole.CLIENT, "app-later"));
        new ChainVerifier(clock).verify(List.of(later.signing().certificate()), List.of(signing));
        // PKIX takes a trust anchor as name and key only, so it would accept the old certificate too;
        // Go's verifier, Fabric's, also checks the root's dates, and the old one is over.
        assertThrows(java.security.cert.CertificateExpiredException.class,
                () -> oldSigning.checkValidity(java.util.Date.from(clock.instant())));
        signing.checkValidity(java.util.Date.from(clock.instant()));
    }

    @Test
    void intermediatesUnderAnImportedRootNeedTheirRoot() {
        ImportedCa root = TestOrganizations.corporateRoot(clock);
        OrganizationCas cas = TestOrganizations.org1UnderCorporateRoot(clock, root);
        clock.advance(Duration.ofDays(3650 - 10));

        CaRenewer.Result result = renewer.renewDue(cas);

        assertFalse(result.changed());
        assertEquals(List.of("ca.org1.example.com", "tlsca.org1.example.com"), result.needRoot());
        assertSame(cas.signingCa().certificate(), result.cas().signingCa().certificate());
        assertThrows(PkiException.class, () -> cas.signingCa().renewRoot());
    }
}
