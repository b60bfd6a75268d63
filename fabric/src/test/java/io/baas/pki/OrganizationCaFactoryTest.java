package io.baas.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrganizationCaFactoryTest {

    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    private static final MspOrganization ORG1 = new MspOrganization("Org1MSP", "org1.example.com",
            SubjectTemplate.of("CN", "Zhejiang", "Hangzhou"));

    private final Clock clock = TestClocks.at(NOW);
    private final OrganizationCaFactory factory = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT);

    @Test
    void createsTwoSelfSignedP256Roots() {
        OrganizationCas cas = factory.createRoots(ORG1);

        assertRoot(cas.signingCa().certificate(), "CN=ca.org1.example.com,O=org1.example.com,L=Hangzhou,ST=Zhejiang,C=CN");
        assertRoot(cas.tlsCa().certificate(), "CN=tlsca.org1.example.com,O=org1.example.com,L=Hangzhou,ST=Zhejiang,C=CN");
        assertNotEquals(cas.signingCa().certificate().getPublicKey(), cas.tlsCa().certificate().getPublicKey());
        assertTrue(cas.signingCa().isRoot());
        new ChainVerifier(clock).verify(List.of(cas.signingCa().certificate()), List.of(cas.signingCa().certificate()));
    }

    @Test
    void rootValidityFollowsTheClockAndPolicy() {
        ValidityPolicy policy = new ValidityPolicy(Duration.ofDays(100), Duration.ofDays(10), Duration.ofMinutes(1));
        X509Certificate root = new OrganizationCaFactory(clock, policy).createRoots(ORG1).signingCa().certificate();

        assertEquals(NOW.minus(Duration.ofMinutes(1)), root.getNotBefore().toInstant());
        assertEquals(NOW.minus(Duration.ofMinutes(1)).plus(Duration.ofDays(100)), root.getNotAfter().toInstant());
    }

    @Test
    void createsIntermediatesUnderAnImportedRoot() {
        CertificateAuthority corporate = CertificateAuthority.createRoot(
                SubjectTemplate.NONE.caSubject("Example Corp", "Example Corp Root"), clock, ValidityPolicy.DEFAULT);
        ImportedCa imported = ImportedCa.fromPem(Pem.encode(corporate.certificate()), corporate.certifiedKey().privateKeyPem());

        OrganizationCas cas = factory.createIntermediates(ORG1, imported, imported);

        X509Certificate intermediate = cas.signingCa().certificate();
        assertEquals(corporate.certificate(), cas.signingCa().root());
        assertEquals(0, intermediate.getBasicConstraints(), "path length 0: it signs end entities only");
        assertArrayEquals(SubjectKeyIds.of(corporate.certificate().getPublicKey()),
                SubjectKeyIds.authorityKeyId(intermediate).orElseThrow());
        new ChainVerifier(clock).verify(cas.tlsCa().chain(), List.of(corporate.certificate()));
    }

    @Test
    void createsIntermediatesUnderCryptogensRoot() {
        ImportedCa cryptogenRoot = ImportedCa.fromPem(Fixtures.read(Fixtures.org1("ca/ca.org1.example.com-cert.pem")),
                Fixtures.read(Fixtures.org1("ca/priv_sk")));
        Clock fixtureClock = TestClocks.fixtureTime();

        OrganizationCas cas = new OrganizationCaFactory(fixtureClock, ValidityPolicy.DEFAULT)
                .createIntermediates(ORG1, cryptogenRoot, cryptogenRoot);

        new ChainVerifier(fixtureClock).verify(cas.signingCa().chain(), List.of(cryptogenRoot.key().certificate()));
        assertFalse(cas.signingCa().certificate().getNotAfter().after(cryptogenRoot.key().certificate().getNotAfter()),
                "an intermediate never outlives its root");
    }

    @Test
    void refusesToImportANonCaOrAMismatchedKey() {
        String peerCertificate = Fixtures.read(Fixtures.org1("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"));
        String peerKey = Fixtures.read(Fixtures.org1("peers/peer0.org1.example.com/msp/keystore/priv_sk"));
        ImportedCa leaf = ImportedCa.fromPem(peerCertificate, peerKey);
        assertThrows(CertificateChainException.class, () -> factory.createIntermediates(ORG1, leaf, leaf));

        assertThrows(KeyMismatchException.class, () -> ImportedCa.fromPem(
                Fixtures.read(Fixtures.org1("ca/ca.org1.example.com-cert.pem")), peerKey));
    }

    @Test
    void refusesAChainWhoseLinksDoNotSign() {
        CertificateAuthority one = CertificateAuthority.createRoot(SubjectTemplate.NONE.caSubject("A", "A"), clock, ValidityPolicy.DEFAULT);
        CertificateAuthority other = CertificateAuthority.createRoot(SubjectTemplate.NONE.caSubject("B", "B"), clock, ValidityPolicy.DEFAULT);
        CertificateAuthority intermediate = one.createIntermediate(SubjectTemplate.NONE.caSubject("A", "A1"));

        assertThrows(CertificateChainException.class, () -> CertificateAuthority.load(
                intermediate.certifiedKey(), List.of(other.certificate()), clock, ValidityPolicy.DEFAULT));
        assertThrows(CertificateChainException.class, () -> CertificateAuthority.load(
                intermediate.certifiedKey(), List.of(), clock, ValidityPolicy.DEFAULT));
    }

    @Test
    void anExpiredCaIssuesNothing() {
        CertificateAuthority root = factory.createRoots(ORG1).signingCa();
        Clock later = TestClocks.at(root.certificate().getNotAfter().toInstant().plusSeconds(1));
        CertificateAuthority expired = CertificateAuthority.load(root.certifiedKey(), List.of(), later, ValidityPolicy.DEFAULT);

        PkiException e = assertThrows(PkiException.class,
                () -> expired.createIntermediate(SubjectTemplate.NONE.caSubject("x", "y")));
        assertTrue(e.getMessage().contains("not valid at"));
    }

    @Test
    void refusesInvalidOrganizationNames() {
        assertThrows(InvalidNameException.class, () -> new MspOrganization("Org 1", "org1.example.com"));
        assertThrows(InvalidNameException.class, () -> new MspOrganization("Org1MSP", "org1..example.com"));
        assertThrows(InvalidNameException.class, () -> new MspOrganization("Org1MSP", "-org1"));
        assertThrows(InvalidNameException.class, () -> SubjectTemplate.of("China", null, null));
        assertThrows(InvalidNameException.class, () -> SubjectTemplate.of(null, "x".repeat(65), null));
    }

    private static void assertRoot(X509Certificate root, String expectedSubject) {
        assertEquals(expectedSubject, root.getSubjectX500Principal().getName()); // RFC 2253 lists the RDNs last first
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertEquals("SHA256withECDSA", root.getSigAlgName());
        assertEquals(256, ((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints(), "CA without a path length limit");
        assertTrue(root.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.15", "2.5.29.19")));
        // digitalSignature, keyCertSign, cRLSign; nothing that an EC key cannot do (RFC 5480: no keyEncipherment)
        assertArrayEquals(new boolean[] {true, false, false, false, false, true, true, false, false}, root.getKeyUsage());
        assertNull(root.getExtensionValue("2.5.29.37"), "no extended key usage on a CA");
        assertArrayEquals(SubjectKeyIds.of(root.getPublicKey()), SubjectKeyIds.subjectKeyId(root).orElseThrow());
        assertTrue(SubjectKeyIds.authorityKeyId(root).isEmpty(), "a self-signed root names no authority key");
        assertTrue(root.getSerialNumber().signum() > 0 && root.getSerialNumber().bitLength() <= 128);
    }
}
