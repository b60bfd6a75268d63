package io.baas.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityIssuerTest {

    private static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    private static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

    private final Clock clock = TestClocks.at(TestOrganizations.NOW);
    private final OrganizationCas cas = TestOrganizations.org1(clock);
    private final IdentityIssuer issuer = new IdentityIssuer(cas);

    @Test
    void nodeTlsCertificatesCarryEveryServiceNameAndServeAndDial() throws Exception {
        Identity peer = issuer.issue(IdentityRequest.node(IdentityRole.PEER, "peer0",
                List.of(new ServiceAddress("peer0-org1", "c1-org1", "corp.internal")), List.of("peer0.example.com", "10.0.0.7", "fd00::7")));
        X509Certificate tls = peer.tls().certificate();

        assertEquals(List.of("peer0-org1", "peer0-org1.c1-org1", "peer0-org1.c1-org1.svc",
                "peer0-org1.c1-org1.svc.corp.internal", "peer0.example.com"), AlternativeNames.of(tls).dnsNames());
        assertEquals(List.of(InetAddress.getByName("10.0.0.7"), InetAddress.getByName("fd00::7")),
                AlternativeNames.of(tls).ipAddresses(), "IP SANs are addresses, not DNS names");
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), tls.getExtendedKeyUsage());
        assertEquals("CN=peer0", tls.getSubjectX500Principal().getName());
        new ChainVerifier(clock).verify(List.of(tls), List.of(cas.tlsCa().certificate()),
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
    }

    @ParameterizedTest
    @EnumSource(IdentityRole.class)
    void everyRoleGetsASigningCertificateWithItsNodeOuAndATlsCertificate(IdentityRole role) throws Exception {
        Identity identity = issuer.issue(role.isNode()
                ? IdentityRequest.node(role, "node0", List.of(ServiceAddress.of("node0", "c1-org1")), List.of())
                : IdentityRequest.user(role, "User1@org1"));
        X509Certificate signing = identity.signing().certificate();
        X509Certificate tls = identity.tls().certificate();

        assertEquals(Optional.of(role.nodeOu()), Certificates.nodeOu(signing));
        assertEquals(List.of(role.nodeOu().identifier()), Certificates.organizationalUnits(signing));
        assertEquals(List.of(), Certificates.organizationalUnits(tls));
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, signing.getKeyUsage());
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false}, tls.getKeyUsage());
        assertNull(signing.getExtendedKeyUsage(), "a signing certificate needs no EKU");
        assertEquals(role.isNode() ? List.of(SERVER_AUTH, CLIENT_AUTH) : List.of(CLIENT_AUTH), tls.getExtendedKeyUsage());
        assertEquals(-1, signing.getBasicConstraints());
        assertEquals(-1, tls.getBasicConstraints());
        assertTrue(signing.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.15", "2.5.29.19")));
        assertArrayEquals(SubjectKeyIds.of(signing.getPublicKey()), SubjectKeyIds.subjectKeyId(signing).orElseThrow());
        assertArrayEquals(SubjectKeyIds.subjectKeyId(cas.signingCa().certificate()).orElseThrow(),
                SubjectKeyIds.authorityKeyId(signing).orElseThrow());
        assertArrayEquals(SubjectKeyIds.subjectKeyId(cas.tlsCa().certificate()).orElseThrow(),
                SubjectKeyIds.authorityKeyId(tls).orElseThrow());
        assertNull(signing.getSubjectAlternativeNames());
        assertNotEquals(signing.getPublicKey(), tls.getPublicKey());
        assertEquals(Duration.ofDays(365), Duration.between(signing.getNotBefore().toInstant(), signing.getNotAfter().toInstant()));

        ChainVerifier verifier = new ChainVerifier(clock);
        verifier.verify(List.of(signing), List.of(cas.signingCa().certificate()));
        verifier.verify(List.of(tls), List.of(cas.tlsCa().certificate()), KeyPurposeId.id_kp_clientAuth);
    }

    @Test
    void chainsFailAgainstTheWrongRootOrPurposeOrTime() {
        Identity peer = TestOrganizations.peer0(cas);
        Identity user = issuer.issue(IdentityRequest.user(IdentityRole.USER, "alice"));
        ChainVerifier verifier = new ChainVerifier(clock);

        assertThrows(CertificateChainException.class,
                () -> verifier.verify(List.of(peer.signing().certificate()), List.of(cas.tlsCa().certificate())));
        assertThrows(CertificateChainException.class, () -> verifier.verify(List.of(user.tls().certificate()),
                List.of(cas.tlsCa().certificate()), KeyPurposeId.id_kp_serverAuth));
        Clock afterExpiry = TestClocks.at(peer.signing().certificate().getNotAfter().toInstant().plusSeconds(1));
        CertificateChainException expired = assertThrows(CertificateChainException.class, () -> new ChainVerifier(afterExpiry)
                .verify(List.of(peer.signing().certificate()), List.of(cas.signingCa().certificate())));
        assertTrue(expired.getMessage().contains("does not validate"));
    }

    @Test
    void identitiesUnderAnIntermediateValidateThroughIt() {
        ImportedCa corporate = TestOrganizations.corporateRoot(clock);
        OrganizationCas intermediates = TestOrganizations.org1UnderCorporateRoot(clock, corporate);
        Identity peer = TestOrganizations.peer0(intermediates);

        new ChainVerifier(clock).verify(List.of(peer.tls().certificate(), intermediates.tlsCa().certificate()),
                List.of(corporate.key().certificate()), KeyPurposeId.id_kp_serverAuth);
        assertThrows(CertificateChainException.class, () -> new ChainVerifier(clock)
                .verify(List.of(peer.tls().certificate()), List.of(corporate.key().certificate())));
    }

    @Test
    void refusesInvalidNames() {
        assertThrows(InvalidNameException.class, () -> ServiceAddress.of("Peer0", "ns"));
        assertThrows(InvalidNameException.class, () -> ServiceAddress.of("0peer", "ns"));
        assertThrows(InvalidNameException.class, () -> ServiceAddress.of("peer0", "ns_1"));
        assertThrows(InvalidNameException.class, () -> ServiceAddress.of("p".repeat(64), "ns"));
        assertThrows(InvalidNameException.class, () -> new ServiceAddress("peer0", "ns", "bad..domain"));
        assertThrows(InvalidNameException.class, () -> AlternativeNames.parse(List.of("*.example.com")));
        assertThrows(InvalidNameException.class, () -> AlternativeNames.parse(List.of("host name")));
        assertThrows(InvalidNameException.class, () -> IdentityRequest.user(IdentityRole.USER, "bad/name"));
        assertThrows(InvalidNameException.class, () -> IdentityRequest.user(IdentityRole.USER, ""));
        assertThrows(PkiException.class, () -> IdentityRequest.user(IdentityRole.PEER, "peer0"));
        assertThrows(PkiException.class, () -> IdentityRequest.node(IdentityRole.PEER, "peer0", List.of(), List.of()));
    }

    @Test
    void identityValidityIsCutAtTheCasExpiry() {
        Clock nearCaExpiry = TestClocks.at(cas.signingCa().certificate().getNotAfter().toInstant().minus(Duration.ofDays(30)));
        OrganizationCas late = new OrganizationCas(cas.organization(),
                CertificateAuthority.load(cas.signingCa().certifiedKey(), List.of(), nearCaExpiry, ValidityPolicy.DEFAULT),
                CertificateAuthority.load(cas.tlsCa().certifiedKey(), List.of(), nearCaExpiry, ValidityPolicy.DEFAULT));

        Identity user = new IdentityIssuer(late).issue(IdentityRequest.user(IdentityRole.CLIENT, "app1"));

        assertEquals(cas.signingCa().certificate().getNotAfter(), user.signing().certificate().getNotAfter());
    }
}
