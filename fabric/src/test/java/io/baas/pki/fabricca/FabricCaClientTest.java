package io.baas.pki.fabricca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.pki.Certificates;
import io.baas.pki.ChainVerifier;
import io.baas.pki.MspOrganization;
import io.baas.pki.NodeOu;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.ValidityPolicy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server that verifies requests as Fabric CA does (JSSE checks real time, so the clock is real). */
class FabricCaClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock = Clock.systemUTC();
    private final OrganizationCas cas = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT)
            .createRoots(new MspOrganization("Org1MSP", "org1.example.com"));
    private FabricCaTestServer server;
    private FabricCaClient client;

    @BeforeEach
    void start() throws Exception {
        server = FabricCaTestServer.start(cas);
        server.addUser("admin", "adminpw", "admin", true);
        client = new FabricCaClient(server.uri(), cas.tlsCa().certificate(), TIMEOUT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void enrollsARegistrarThenRegistersAndEnrollsAPeer() {
        Enrollment admin = client.enroll("admin", "adminpw");
        String secret = client.register(admin.key(), Registration.of("peer1", "peer", "org1.department1"));
        Enrollment peer = client.enroll("peer1", secret);

        assertEquals(List.of(cas.signingCa().certificate()), admin.caChain());
        assertEquals(Optional.of(NodeOu.ADMIN), Certificates.nodeOu(admin.key().certificate()));
        assertEquals("peer1", Certificates.commonName(peer.key().certificate()));
        assertEquals(Optional.of(NodeOu.PEER), Certificates.nodeOu(peer.key().certificate()));
        new ChainVerifier(clock).verify(List.of(peer.key().certificate()), peer.caChain());
    }

    @Test
    void registersWithAChosenSecret() {
        Enrollment admin = client.enroll("admin", "adminpw");

        String secret = client.register(admin.key(), new Registration("app1", "client", "", "app1pw", 3));

        assertEquals("app1pw", secret);
        assertEquals("client", server.user("app1").orElseThrow().type());
    }

    @Test
    void refusesAWrongEnrollmentSecret() {
        FabricCaException e = assertThrows(FabricCaException.class, () -> client.enroll("admin", "wrong"));
        assertEquals(401, e.status());
    }

    @Test
    void refusesRegistrationByANonRegistrar() {
        Enrollment admin = client.enroll("admin", "adminpw");
        Enrollment user = client.enroll("user1", client.register(admin.key(), Registration.of("user1", "client", "")));

        FabricCaException e = assertThrows(FabricCaException.class,
                () -> client.register(user.key(), Registration.of("user2", "client", "")));
        assertEquals(401, e.status());
        assertTrue(server.user("user2").isEmpty());
    }

    @Test
    void refusesATokenFromAnotherCa() throws Exception {
        OrganizationCas stranger = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT)
                .createRoots(new MspOrganization("EvilMSP", "evil.example.com"));
        try (FabricCaTestServer evil = FabricCaTestServer.start(stranger)) {
            evil.addUser("admin", "adminpw", "admin", true);
            Enrollment foreignAdmin = new FabricCaClient(evil.uri(), stranger.tlsCa().certificate(), TIMEOUT).enroll("admin", "adminpw");

            FabricCaException e = assertThrows(FabricCaException.class,
                    () -> client.register(foreignAdmin.key(), Registration.of("intruder", "client", "")));
            assertEquals(401, e.status());
        }
    }

    @Test
    void refusesATokenSignedOverAnotherBody() throws Exception {
        Enrollment admin = client.enroll("admin", "adminpw");
        byte[] signed = "{\"id\":\"harmless\",\"type\":\"client\",\"affiliation\":\"\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "{\"id\":\"attacker\",\"type\":\"admin\",\"affiliation\":\"\"}".getBytes(StandardCharsets.UTF_8);
        String token = FabricCaToken.create(admin.key(), "POST", "/api/v1/register", signed);

        HttpResponse<String> response = rawPost("/api/v1/register", sent, token);

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("Invalid token"));
        assertTrue(server.user("attacker").isEmpty());
        assertEquals(201, rawPost("/api/v1/register", signed, token).statusCode(), "the same token with its own body passes");
    }

    @Test
    void refusesAServerItsTlsCaDidNotCertify() {
        OrganizationCas other = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT)
                .createRoots(new MspOrganization("Org2MSP", "org2.example.com"));
        FabricCaClient distrustful = new FabricCaClient(server.uri(), other.tlsCa().certificate(), TIMEOUT);

        FabricCaException e = assertThrows(FabricCaException.class, () -> distrustful.enroll("admin", "adminpw"));
        assertEquals(0, e.status());
    }

    @Test
    void caInfoGivesTheChainOfTheDefaultOrANamedCa() throws Exception {
        assertEquals(List.of(cas.signingCa().certificate()), client.caInfo(Optional.empty()).caChain());
        try (FabricCaTestServer two = FabricCaTestServer.startWithTlsCa(cas, "tlsca")) {
            FabricCaClient both = new FabricCaClient(two.uri(), two.tlsTrust(), TIMEOUT);
            CaInfo tls = both.caInfo(Optional.of("tlsca"));
            assertEquals("tlsca", tls.caName());
            assertEquals(List.of(cas.tlsCa().certificate()), tls.caChain());
            assertEquals(404, assertThrows(FabricCaException.class, () -> both.caInfo(Optional.of("nope"))).status());
        }
    }

    @Test
    void enrollsWithTheTlsProfileAndHosts() {
        Enrollment admin = client.enroll("admin", "adminpw");
        String secret = client.register(admin.key(), Registration.of("peer1", "peer", ""));

        Enrollment tls = client.enroll("peer1", secret, EnrollmentOptions.tls(Optional.empty(), List.of("peer1.org1", "10.1.2.3")));

        assertEquals(List.of("peer1.org1"), io.baas.pki.AlternativeNames.of(tls.key().certificate()).dnsNames());
        new ChainVerifier(clock).verify(List.of(tls.key().certificate()), List.of(cas.signingCa().certificate()),
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth);
        assertEquals(400, assertThrows(FabricCaException.class,
                () -> client.enroll("peer1", secret, new EnrollmentOptions(Optional.empty(), Optional.of("nosuch"), List.of()))).status());
    }

    @Test
    void registeringAnIdTwiceIsAConflictWithFabricCasCode() {
        Enrollment admin = client.enroll("admin", "adminpw");
        client.register(admin.key(), Registration.of("dup", "client", ""));

        FabricCaException e = assertThrows(FabricCaException.class, () -> client.register(admin.key(), Registration.of("dup", "client", "")));

        assertEquals(409, e.status());
        assertEquals(List.of(FabricCaException.DUPLICATE_IDENTITY), e.codes());
    }

    @Test
    void revokedIdsCannotEnrollAgain() {
        Enrollment admin = client.enroll("admin", "adminpw");
        String secret = client.register(admin.key(), new Registration("app2", "client", "", null, 0));
        client.enroll("app2", secret);

        client.revoke(admin.key(), "app2", "keycompromise", Optional.empty());

        assertEquals(401, assertThrows(FabricCaException.class, () -> client.enroll("app2", secret)).status());
    }

    @Test
    void registrationsNeverPrintTheirSecret() {
        assertFalse(new Registration("app1", "client", "", "app1pw", 0).toString().contains("app1pw"));
    }

    private HttpResponse<String> rawPost(String path, byte[] body, String authorization) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(FabricCaClient.trusting(cas.tlsCa().certificate())).build();
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
