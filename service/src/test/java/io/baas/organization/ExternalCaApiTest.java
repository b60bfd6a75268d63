package io.baas.organization;

import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.Certificates;
import io.baas.pki.ChainVerifier;
import io.baas.pki.MspOrganization;
import io.baas.pki.NodeOu;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.fabricca.FabricCaTestServer;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KeyLeakScanner;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Organizations on an existing Fabric CA, through the API, against a strict Fabric CA test server on loopback. */
@QuarkusTest
class ExternalCaApiTest {

    static final String WS = "ws-extca";
    static final String BASE = "/kapis/baas.io/v1/workspaces/" + WS + "/organizations";
    static final String SECRET = "registrar-s3cret-pw";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    private final OrganizationCas fabricCa = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
            .createRoots(new MspOrganization("FabricCaMSP", "fabric-ca.example.com"));
    private final List<String> answers = new ArrayList<>();
    private FabricCaTestServer server;

    @BeforeEach
    void setUp() throws Exception {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WS);
        fixtures.workspace("ws-extca-other");
        fixtures.user("ext-admin");
        fixtures.user("ext-other");
        fixtures.workspaceRoleBinding("ext-admin", WS, "admin");
        fixtures.workspaceRoleBinding("ext-other", "ws-extca-other", "admin");
        KubeSphereFixtures.await(migrator::migrated);
        server = FabricCaTestServer.start(fabricCa);
        server.addUser("rca-admin", SECRET, "admin", true);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Response call(String user, String method, String path, Object body) {
        var request = given().header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        Response response = request.when().request(method, path);
        if (!path.contains("/identityexports/")) {
            answers.add(response.asString());
        }
        return response;
    }

    private Map<String, Object> external(String secret) {
        Map<String, Object> external = new HashMap<>();
        external.put("url", server.uri().toString());
        external.put("tlsCertificate", Pem.encode(server.tlsTrust()));
        external.put("registrarId", "rca-admin");
        external.put("registrarSecret", secret);
        return external;
    }

    private Map<String, Object> organization(String name, String mspId, Map<String, Object> external) {
        return Map.of("name", name, "mspId", mspId, "caMode", "External", "externalCa", external);
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace("kubesphere-system").withName(name).get();
    }

    @Test
    void anOrganizationOnAnExternalCaIssuesUsersAndNodesThroughIt() throws Exception {
        Response created = call("ext-admin", "POST", BASE, organization("ext-a", "ExtAMSP", external(SECRET)));
        created.then().statusCode(201)
                .body("spec.caMode", equalTo("External"))
                .body("spec.externalCa.url", equalTo(server.uri().toString()))
                .body(not(containsString(SECRET)));
        Organization.Status status = ReconciledOrganizations.ready(client, "ext-a").getStatus();
        assertThat(Pem.certificates(status.caCertificate)).containsExactly(fabricCa.signingCa().certificate());
        assertThat(Pem.certificates(status.tlsCaCertificate)).containsExactly(fabricCa.signingCa().certificate());

        // The registrar's enrollment (key) is kept, its secret is not.
        Secret link = secret(io.baas.pki.k8s.OrganizationCaSecret.name("ext-a"));
        assertThat(link.getMetadata().getLabels()).containsEntry("baas.io/organization", "ext-a")
                .containsEntry("app.kubernetes.io/managed-by", "ks-baas");
        assertThat(link.getData()).containsKeys("registrar-key.pem", "registrar-cert.pem", "url", "tls-trust.pem")
                .doesNotContainKey("ca-key.pem");
        link.getData().values().forEach(value -> assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                .doesNotContain(SECRET));

        String org = BASE + "/ext-a";
        call("ext-admin", "POST", org + "/identities", Map.of("name", "app1", "role", "client")).then().statusCode(201)
                .body("mspId", equalTo("ExtAMSP"));
        call("ext-admin", "POST", org + "/identities", Map.of("name", "ops", "role", "admin")).then().statusCode(201);
        assertThat(server.user("app1").orElseThrow().type()).isEqualTo("client");
        assertThat(server.user("ops").orElseThrow().type()).isEqualTo("admin");
        var held = IdentitySecret.read(secret(IdentitySecret.name("ext-a", "ops")));
        assertThat(Certificates.nodeOu(held.signing().certificate())).contains(NodeOu.ADMIN);
        new ChainVerifier(Clock.systemUTC()).verify(List.of(held.signing().certificate()), List.of(fabricCa.signingCa().certificate()));

        Response export = call("ext-admin", "POST", org + "/identityexports/app1", null);
        export.then().statusCode(200).body("connectionProfile.certificateAuthorities.ext-a-ca.url", equalTo(server.uri().toString()));
        X509Certificate tls = Pem.certificate(export.path("tlsCertificate"));
        new ChainVerifier(Clock.systemUTC()).verify(List.of(tls), Pem.certificates(export.path("tlsCaCertificates")),
                KeyPurposeId.id_kp_clientAuth);

        // A name the CA already has cannot be issued again.
        client.secrets().inNamespace("kubesphere-system").withName(IdentitySecret.name("ext-a", "app1")).delete();
        KubeSphereFixtures.await(() -> secret(IdentitySecret.name("ext-a", "app1")) == null);
        assertError(call("ext-admin", "POST", org + "/identities", Map.of("name", "app1", "role", "client")).then(), 409, "Conflict");

        // A peer's identity comes from the same CA, with its Service names on the TLS certificate.
        io.baas.support.ConsortiumFixtures.joined(client, "trade", "ext-a", WS);
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName("peer0");
        peer.getMetadata().setNamespace("trade-ext-a");
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = "ext-a";
        client.resources(PeerNode.class).resource(peer).createOr(existing -> existing.update());
        KubeSphereFixtures.await(() -> secret(IdentitySecret.name("ext-a", "peer0-trade-ext-a")) != null);
        var node = IdentitySecret.read(secret(IdentitySecret.name("ext-a", "peer0-trade-ext-a")));
        assertThat(server.user("peer0-trade-ext-a").orElseThrow().type()).isEqualTo("peer");
        assertThat(io.baas.pki.AlternativeNames.of(node.tls().certificate()).dnsNames()).contains("peer0.trade-ext-a.svc.cluster.local");
        KubeSphereFixtures.await(() -> client.configMaps().inNamespace("trade-ext-a").withName("peer0-msp").get() != null);
        assertThat(client.configMaps().inNamespace("trade-ext-a").withName("peer0-msp").get().getData().values())
                .anyMatch(value -> value.contains(Pem.encode(fabricCa.signingCa().certificate()).trim()));

        // Revocation: recorded by the platform and told to the CA, which disables the ID.
        call("ext-admin", "POST", org + "/revocations", Map.of("identity", "ops", "reason", "KEY_COMPROMISE"))
                .then().statusCode(200).body("revoked", equalTo(true));
        assertThat(server.user("ops").orElseThrow().revoked()).isTrue();
        assertError(call("ext-admin", "POST", org + "/identityexports/ops", null).then(), 409, "Revoked");

        KeyLeakScanner.assertNoKeyLeaks(client, answers);
        assertThat(answers).noneMatch(answer -> answer.contains(SECRET));
    }

    @Test
    void aCaThatIsDownLeavesNothingBehind() {
        server.close();
        assertError(call("ext-admin", "POST", BASE, organization("ext-down", "ExtDownMSP", external(SECRET))).then(),
                502, "ExternalCaUnavailable")
                .body("message", containsString("connection was refused"))
                .body(not(containsString(SECRET)));
        assertThat(secret(io.baas.pki.k8s.OrganizationCaSecret.name("ext-down"))).isNull();
        assertThat(client.resources(Organization.class).withName("ext-down").get()).isNull();
    }

    @Test
    void aWrongRegistrarSecretIsRefusedWithoutEchoingIt() {
        int before = server.requests();
        assertError(call("ext-admin", "POST", BASE, organization("ext-wrong", "ExtWrongMSP", external("not-the-s3cret"))).then(),
                400, "ExternalCaRefused")
                .body("details[0].field", equalTo("body.externalCa"))
                .body(not(containsString("not-the-s3cret")));
        assertThat(server.requests()).isGreaterThan(before);
        assertThat(secret(io.baas.pki.k8s.OrganizationCaSecret.name("ext-wrong"))).isNull();
        assertThat(client.resources(Organization.class).withName("ext-wrong").get()).isNull();
    }

    @Test
    void aServerTheGivenTlsCertificateDoesNotVouchForIsRefused() {
        OrganizationCas other = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
                .createRoots(new MspOrganization("OtherMSP", "other.example.com"));
        Map<String, Object> external = external(SECRET);
        external.put("tlsCertificate", Pem.encode(other.tlsCa().certificate()));
        assertError(call("ext-admin", "POST", BASE, organization("ext-tls", "ExtTlsMSP", external)).then(), 502, "ExternalCaUnavailable")
                .body("message", containsString("TLS handshake failed"));
        assertThat(secret(io.baas.pki.k8s.OrganizationCaSecret.name("ext-tls"))).isNull();
    }

    @Test
    void badExternalSettingsNameTheirFields() {
        assertError(call("ext-admin", "POST", BASE, Map.of("name", "ext-b", "mspId", "ExtBMSP", "caMode", "External")).then(),
                400, "BadRequest").body("details.field", hasItem("body.externalCa"));
        Map<String, Object> plainHttp = external(SECRET);
        plainHttp.put("url", "http://127.0.0.1:7054");
        assertError(call("ext-admin", "POST", BASE, organization("ext-b", "ExtBMSP", plainHttp)).then(), 400, "BadRequest")
                .body("details.field", hasItem("body.externalCa.url"));
        Map<String, Object> notPem = external(SECRET);
        notPem.put("tlsCertificate", "hello");
        assertError(call("ext-admin", "POST", BASE, organization("ext-b", "ExtBMSP", notPem)).then(), 400, "BadRequest")
                .body("details.field", hasItem("body.externalCa.tlsCertificate"));
        Map<String, Object> noSecret = external(SECRET);
        noSecret.remove("registrarSecret");
        assertError(call("ext-admin", "POST", BASE, organization("ext-b", "ExtBMSP", noSecret)).then(), 400, "BadRequest")
                .body("details.field", hasItem("body.externalCa.registrarSecret"));
        assertError(call("ext-admin", "POST", BASE, Map.of("name", "ext-b", "mspId", "ExtBMSP", "externalCa", external(SECRET))).then(),
                400, "BadRequest").body("details.field", hasItem("body.caMode"));
        Map<String, Object> unknownCa = external(SECRET);
        unknownCa.put("caName", "no-such-ca");
        assertError(call("ext-admin", "POST", BASE, organization("ext-b", "ExtBMSP", unknownCa)).then(), 400, "ExternalCaRefused");
        assertThat(secret(io.baas.pki.k8s.OrganizationCaSecret.name("ext-b"))).isNull();
        assertThat(answers).noneMatch(answer -> answer.contains(SECRET));
    }

    @Test
    void membersOfAnotherWorkspaceAreForbidden() {
        call("ext-admin", "POST", BASE, organization("ext-c", "ExtCMSP", external(SECRET))).then().statusCode(201);
        int before = server.requests();
        assertError(call("ext-other", "POST", BASE, organization("ext-d", "ExtDMSP", external(SECRET))).then(), 403, "Forbidden");
        assertError(call("ext-other", "POST", BASE + "/ext-c/identities", Map.of("name", "x", "role", "client")).then(), 403, "Forbidden");
        assertError(call("ext-other", "POST", BASE + "/ext-c/revocations", Map.of("identity", "x", "reason", "SUPERSEDED")).then(),
                403, "Forbidden");
        assertThat(server.requests()).as("nothing reached the CA").isEqualTo(before);
        assertThat(client.resources(Organization.class).withName("ext-d").get()).isNull();
    }

    @Test
    void issuingWhileTheCaIsDownLeavesNoIdentity() {
        call("ext-admin", "POST", BASE, organization("ext-e", "ExtEMSP", external(SECRET))).then().statusCode(201);
        server.close();
        assertError(call("ext-admin", "POST", BASE + "/ext-e/identities", Map.of("name", "app1", "role", "client")).then(),
                502, "ExternalCaUnavailable");
        assertThat(secret(IdentitySecret.name("ext-e", "app1"))).isNull();
        // The organization's public material does not need the CA.
        given().header("Authorization", TestTokens.bearer("ext-admin")).when().post(BASE + "/ext-e/mspexports").then().statusCode(200);
        assertThat(Optional.ofNullable(secret(io.baas.pki.k8s.OrganizationCaSecret.name("ext-e")))).isPresent();
    }
}
