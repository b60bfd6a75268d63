package io.baas.pki.fabricca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.AlternativeNames;
import io.baas.pki.CaCertificates;
import io.baas.pki.Certificates;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.MspOrganization;
import io.baas.pki.NodeOu;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.PkiException;
import io.baas.pki.RevocationReason;
import io.baas.pki.ServiceAddress;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.msp.MspLayout;
import io.baas.pki.msp.NodeOuConfig;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issuing through an existing Fabric CA (one CA with a tls profile, or a separate TLS CA), against the strict test server. */
class FabricCaIssuerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final MspOrganization ORG = new MspOrganization("Org1MSP", "org1.example.com");

    private final Clock clock = Clock.systemUTC();
    private final OrganizationCas cas = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT).createRoots(ORG);
    private FabricCaTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FabricCaIssuer connect(Optional<String> tlsCaName) {
        FabricCaConnection connection = new FabricCaConnection(server.uri(), server.tlsTrust(), Optional.empty(), tlsCaName, "");
        return FabricCaIssuer.enrollRegistrar(connection, "admin", "adminpw", ORG, TIMEOUT, clock);
    }

    private static IdentityRequest peer() {
        return IdentityRequest.node(IdentityRole.PEER, "peer0-trade-org1", List.of(new ServiceAddress("peer0", "trade-org1", "cluster.local")),
                List.of("peer0.org1.example.com", "10.0.0.7"));
    }

    @Test
    void oneCaIssuesSigningAndTlsCertificatesWithTheTlsProfileAndTheNodesHosts() throws Exception {
        server = FabricCaTestServer.start(cas);
        server.addUser("admin", "adminpw", "admin", true);
        FabricCaIssuer issuer = connect(Optional.empty());

        assertEquals(List.of(cas.signingCa().certificate()), issuer.certificates().signingChain());
        assertEquals(issuer.certificates().signingChain(), issuer.certificates().tlsChain(), "one CA signs both");

        Identity peer = issuer.issue(peer());
        assertEquals(Optional.of(NodeOu.PEER), Certificates.nodeOu(peer.signing().certificate()));
        assertEquals("peer0-trade-org1", Certificates.commonName(peer.signing().certificate()));
        assertNotEquals(peer.signing().publicKey(), peer.tls().publicKey(), "two keys, as Fabric CA's clients make");
        AlternativeNames names = AlternativeNames.of(peer.tls().certificate());
        assertTrue(names.dnsNames().containsAll(List.of("peer0.trade-org1.svc.cluster.local", "peer0.org1.example.com")));
        assertEquals(List.of(InetAddress.getByName("10.0.0.7")), names.ipAddresses());
        new ChainVerifier(clock).verify(List.of(peer.tls().certificate()), List.of(cas.signingCa().certificate()),
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertEquals("peer", server.user("peer0-trade-org1").orElseThrow().type());
        assertEquals(2, server.user("peer0-trade-org1").orElseThrow().enrollments());

        Identity admin = issuer.issue(IdentityRequest.user(IdentityRole.ADMIN, "ops"));
        assertEquals(Optional.of(NodeOu.ADMIN), Certificates.nodeOu(admin.signing().certificate()));
        Identity user = issuer.issue(IdentityRequest.user(IdentityRole.USER, "alice"));
        assertEquals("client", server.user("alice").orElseThrow().type(), "users are Fabric CA clients");

        // The MSP built from the external CA's certificates points NodeOUs at that CA.
        String config = MspLayout.organizationMsp(issuer.certificates()).file(MspLayout.CONFIG_YAML).orElseThrow().text();
        assertTrue(config.contains("cacerts/" + MspLayout.fileName(cas.signingCa().certificate())), config);
        assertTrue(NodeOuConfig.parse(config).toYaml().contains("OrganizationalUnitIdentifier: admin"));
    }

    @Test
    void aSeparateTlsCaIssuesTheTlsCertificatesAndHasItsOwnRegistry() throws Exception {
        server = FabricCaTestServer.startWithTlsCa(cas, "tlsca");
        server.addUser("admin", "adminpw", "admin", true);
        FabricCaIssuer issuer = connect(Optional.of("tlsca"));

        CaCertificates certificates = issuer.certificates();
        assertEquals(List.of(cas.signingCa().certificate()), certificates.signingChain());
        assertEquals(List.of(cas.tlsCa().certificate()), certificates.tlsChain());
        assertTrue(issuer.tlsRegistrar().isPresent());

        Identity peer = issuer.issue(peer());
        new ChainVerifier(clock).verify(List.of(peer.tls().certificate()), List.of(cas.tlsCa().certificate()),
                KeyPurposeId.id_kp_serverAuth);
        assertThrows(PkiException.class, () -> new ChainVerifier(clock).verify(List.of(peer.tls().certificate()),
                List.of(cas.signingCa().certificate())));
        assertEquals(1, server.user("", "peer0-trade-org1").orElseThrow().enrollments());
        assertEquals(1, server.user("tlsca", "peer0-trade-org1").orElseThrow().enrollments());
    }

    @Test
    void revocationDisablesTheIdAtTheCa() throws Exception {
        server = FabricCaTestServer.start(cas);
        server.addUser("admin", "adminpw", "admin", true);
        FabricCaIssuer issuer = connect(Optional.empty());
        issuer.issue(IdentityRequest.user(IdentityRole.CLIENT, "app1"));

        issuer.revoked("app1", RevocationReason.KEY_COMPROMISE);
        issuer.revoked("app1", RevocationReason.KEY_COMPROMISE); // again: Fabric CA answers success

        assertTrue(server.user("app1").orElseThrow().revoked());
    }

    @Test
    void aRegistrarWithoutRevokerCannotRevoke() throws Exception {
        server = FabricCaTestServer.start(cas);
        server.addRegistrarWithoutRevoker("admin", "adminpw");
        FabricCaIssuer issuer = connect(Optional.empty());
        issuer.issue(IdentityRequest.user(IdentityRole.CLIENT, "app1"));

        FabricCaException e = assertThrows(FabricCaException.class, () -> issuer.revoked("app1", RevocationReason.SUPERSEDED));
        assertEquals(401, e.status());
        assertFalse(server.user("app1").orElseThrow().revoked());
    }

    @Test
    void aNameTheCaAlreadyHasIsAConflict() throws Exception {
        server = FabricCaTestServer.start(cas);
        server.addUser("admin", "adminpw", "admin", true);
        FabricCaIssuer issuer = connect(Optional.empty());
        issuer.issue(IdentityRequest.user(IdentityRole.CLIENT, "app1"));

        FabricCaException e = assertThrows(FabricCaException.class, () -> issuer.issue(IdentityRequest.user(IdentityRole.CLIENT, "app1")));
        assertEquals(409, e.status());
        assertEquals(List.of(FabricCaException.DUPLICATE_IDENTITY), e.codes());
    }

    @Test
    void theRegistrarMustEnrollAndTheCaMustAnswer() throws Exception {
        server = FabricCaTestServer.start(cas);
        server.addUser("admin", "adminpw", "admin", true);
        FabricCaConnection connection = new FabricCaConnection(server.uri(), server.tlsTrust(), Optional.empty(), Optional.empty(), "");

        FabricCaException wrong = assertThrows(FabricCaException.class,
                () -> FabricCaIssuer.enrollRegistrar(connection, "admin", "nope", ORG, TIMEOUT, clock));
        assertTrue(wrong.refusedAuthorization());
        assertFalse(wrong.getMessage().contains("nope"));

        FabricCaConnection unknownCa = new FabricCaConnection(server.uri(), server.tlsTrust(), Optional.of("no-such-ca"), Optional.empty(), "");
        assertEquals(404, assertThrows(FabricCaException.class,
                () -> FabricCaIssuer.enrollRegistrar(unknownCa, "admin", "adminpw", ORG, TIMEOUT, clock)).status());

        server.close();
        FabricCaException down = assertThrows(FabricCaException.class,
                () -> FabricCaIssuer.enrollRegistrar(connection, "admin", "adminpw", ORG, TIMEOUT, clock));
        assertTrue(down.unavailable());
        server = null;
    }

    @Test
    void onlyHttpsUrls() throws Exception {
        assertThrows(FabricCaException.class, () -> new FabricCaConnection(URI.create("http://ca:7054"), cas.tlsCa().certificate(),
                Optional.empty(), Optional.empty(), ""));
    }
}
