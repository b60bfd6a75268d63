package io.baas.organization;

import io.agroal.api.AgroalDataSource;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Pem;
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
import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Certificate custody through the API, as organization admins, members and strangers use it. */
@QuarkusTest
class OrganizationApiTest {

    static final String WS = "ws-org";
    static final String BASE = "/kapis/baas.io/v1/workspaces/" + WS + "/organizations";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    AgroalDataSource dataSource;

    /** Every answer that is not an export, to search for keys afterwards. */
    private final List<String> answers = new ArrayList<>();

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WS);
        fixtures.workspace("ws-stranger");
        fixtures.user("org-admin");
        fixtures.user("org-member");
        fixtures.user("stranger");
        fixtures.workspaceRoleBinding("org-admin", WS, "admin");
        fixtures.workspaceRoleBinding("org-member", WS, "regular");
        fixtures.workspaceRoleBinding("stranger", "ws-stranger", "admin");
        KubeSphereFixtures.await(migrator::migrated);
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

    private void createOrganization(String name, String mspId) {
        call("org-admin", "POST", BASE, Map.of("name", name, "mspId", mspId, "displayName", "Org " + name))
                .then().statusCode(201)
                .body("metadata.name", equalTo(name))
                .body("spec.workspace", equalTo(WS))
                .body("spec.mspId", equalTo(mspId))
                .body("status", nullValue()); // the reconciler alone writes the status
        Organization ready = ReconciledOrganizations.ready(client, name);
        assertThat(ready.getStatus().caCertificate).startsWith("-----BEGIN CERTIFICATE-----");
        call("org-admin", "GET", BASE + "/" + name, null).then().statusCode(200)
                .body("status.phase", equalTo("Ready"))
                .body("status.caCertificate", equalTo(ready.getStatus().caCertificate));
    }

    @Test
    void anAdminCreatesAnOrganizationWhoseCaKeysStayInTheServiceNamespace() {
        createOrganization("bank-a", "BankAMSP");
        Secret ca = client.secrets().inNamespace("kubesphere-system").withName(io.baas.pki.k8s.OrganizationCaSecret.name("bank-a")).get();
        assertThat(ca).isNotNull();
        assertThat(ca.getMetadata().getLabels()).containsEntry("baas.io/organization", "bank-a");
        assertThat(ca.getData()).containsKeys("ca-key.pem", "tlsca-key.pem");
        call("org-member", "GET", BASE, null).then().statusCode(200).body("items.metadata.name", hasItem("bank-a"));
        call("org-member", "GET", BASE + "/bank-a", null).then().statusCode(200).body("spec.mspId", equalTo("BankAMSP"));
        assertError(call("org-admin", "POST", BASE, Map.of("name", "bank-a", "mspId", "OtherMSP")).then(), 409, "Conflict");
        assertError(call("org-admin", "POST", BASE, Map.of("name", "bank-a2", "mspId", "BankAMSP")).then(), 409, "Conflict");
        KeyLeakScanner.assertNoKeyLeaks(client, answers);
    }

    @Test
    void anOrganizationCanRunIntermediatesUnderAnImportedRoot() {
        io.baas.pki.CertificateAuthority corporate = io.baas.pki.CertificateAuthority.createRoot(
                io.baas.pki.SubjectTemplate.NONE.caSubject("corp.example", "ca.corp.example"),
                java.time.Clock.systemUTC(), io.baas.pki.ValidityPolicy.DEFAULT);
        String rootPem = Pem.encode(corporate.certificate());
        String keyPem = corporate.certifiedKey().privateKeyPem();
        Response created = call("org-admin", "POST", BASE, Map.of("name", "bank-e", "mspId", "BankEMSP",
                "rootCa", Map.of("certificate", rootPem, "privateKey", keyPem)));
        created.then().statusCode(201);
        List<X509Certificate> chain = Pem.certificates(ReconciledOrganizations.ready(client, "bank-e").getStatus().caCertificate);
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(corporate.certificate());
        new ChainVerifier(java.time.Clock.systemUTC()).verify(List.of(chain.get(0)), List.of(corporate.certificate()));

        io.baas.pki.CertificateAuthority other = io.baas.pki.CertificateAuthority.createRoot(
                io.baas.pki.SubjectTemplate.NONE.caSubject("other.example", "ca.other.example"),
                java.time.Clock.systemUTC(), io.baas.pki.ValidityPolicy.DEFAULT);
        Response mismatched = call("org-admin", "POST", BASE, Map.of("name", "bank-f", "mspId", "BankFMSP",
                "rootCa", Map.of("certificate", rootPem, "privateKey", other.certifiedKey().privateKeyPem())));
        assertError(mismatched.then(), 400, "BadRequest").body("details[0].field", equalTo("body.rootCa"));
        assertThat(mismatched.asString()).doesNotContain(keyPem.substring(40, 80));
        assertThat(client.secrets().inNamespace("kubesphere-system").withName(io.baas.pki.k8s.OrganizationCaSecret.name("bank-f")).get()).isNull();
    }

    @Test
    void badRequestsNameTheirFields() {
        assertError(call("org-admin", "POST", BASE, Map.of("name", "Bad_Name", "mspId", "ok")).then(), 400, "BadRequest")
                .body("details.field", hasItem("body.name"));
        assertError(call("org-admin", "POST", BASE, Map.of("name", "fine")).then(), 400, "BadRequest")
                .body("details.field", hasItem("body.mspId"));
        assertError(call("org-admin", "POST", BASE, "{\"name\": ").then(), 400, "MalformedJson");
        assertError(call("org-admin", "POST", BASE, "[1, 2]").then(), 400, "BadRequest");
        assertError(given().header("Authorization", TestTokens.bearer("org-admin")).contentType("application/json")
                .when().post(BASE).then(), 400, "BadRequest");
        assertError(call("org-admin", "POST", BASE + "/nobody/identities", Map.of("name", "x", "role", "client")).then(), 404, "NotFound");
    }

    @Test
    void identitiesAreIssuedListedExportedToAdminsOnlyAndRevokedForGood() throws Exception {
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        createOrganization("bank-b", "BankBMSP");
        String org = BASE + "/bank-b";
        call("org-admin", "POST", org + "/identities", Map.of("name", "app1", "role", "client")).then().statusCode(201)
                .body("name", equalTo("app1")).body("mspId", equalTo("BankBMSP")).body("revoked", equalTo(false));
        assertError(call("org-admin", "POST", org + "/identities", Map.of("name", "app1", "role", "client")).then(), 409, "Conflict");
        assertError(call("org-admin", "POST", org + "/identities", Map.of("name", "peer0", "role", "peer")).then(), 400, "BadRequest");

        call("org-member", "GET", org + "/identities", null).then().statusCode(200).body("items.name", hasItem("app1"));
        assertError(call("org-member", "POST", org + "/identityexports/app1", null).then(), 403, "Forbidden");
        assertError(call("org-member", "POST", org + "/identities", Map.of("name", "app2", "role", "client")).then(), 403, "Forbidden");

        Response export = call("org-admin", "POST", org + "/identityexports/app1", null);
        export.then().statusCode(200)
                .body("identity", equalTo("app1"))
                .body("privateKey", startsWith("-----BEGIN PRIVATE KEY-----"))
                .body("connectionProfile.organizations.bank-b.mspid", equalTo("BankBMSP"));
        X509Certificate certificate = Pem.certificate(export.path("certificate"));
        List<X509Certificate> cas = Pem.certificates(export.path("caCertificates"));
        new ChainVerifier(java.time.Clock.systemUTC()).verify(List.of(certificate), List.of(cas.get(cas.size() - 1)));
        assertThat(auditedExports("bank-b", started)).containsExactlyInAnyOrder("org-admin 200", "org-member 403");

        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(call("org-admin", "POST", org + "/mspexports", null)
                .then().statusCode(200).extract().asByteArray()));
        List<String> entries = new ArrayList<>();
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            entries.add(entry.getName());
        }
        assertThat(entries).contains("msp/config.yaml").noneMatch(name -> name.contains("keystore"));

        call("org-admin", "POST", org + "/revocations", Map.of("identity", "app1", "reason", "KEY_COMPROMISE"))
                .then().statusCode(200).body("revoked", equalTo(true));
        call("org-admin", "POST", org + "/revocations", Map.of("identity", "app1", "reason", "SUPERSEDED"))
                .then().statusCode(200).body("revoked", equalTo(true));
        assertError(call("org-admin", "POST", org + "/revocations", Map.of("identity", "app1", "reason", "BORED")).then(),
                400, "BadRequest");
        call("org-member", "GET", org + "/identities", null).then().statusCode(200).body("items.find { it.name == 'app1' }.revoked", equalTo(true));
        assertError(call("org-admin", "POST", org + "/identityexports/app1", null).then(), 409, "Revoked");

        KeyLeakScanner.assertNoKeyLeaks(client, answers);
    }

    @Test
    void aNodesMaterialIsExportedAsFabricFoldersToAdminsOnly() throws Exception {
        createOrganization("bank-n", "BankNMSP");
        io.baas.support.ConsortiumFixtures.joined(client, "trade", "bank-n", WS);
        io.baas.crd.PeerNode peer = new io.baas.crd.PeerNode();
        peer.getMetadata().setName("peer0");
        peer.getMetadata().setNamespace("trade-bank-n");
        peer.setSpec(new io.baas.crd.PeerNode.Spec());
        peer.getSpec().organization = "bank-n";
        client.resources(io.baas.crd.PeerNode.class).resource(peer).createOr(existing -> existing.update());
        // The running reconciler issues the peer's identity into custody.
        KubeSphereFixtures.await(() -> client.secrets().inNamespace("kubesphere-system")
                .withName(io.baas.pki.k8s.IdentitySecret.name("bank-n", "peer0-trade-bank-n")).get() != null);
        String org = BASE + "/bank-n";
        call("org-member", "GET", org + "/identities", null).then().statusCode(200)
                .body("items.find { it.name == 'peer0-trade-bank-n' }.role", equalTo("peer"));

        assertError(call("org-member", "POST", org + "/nodeexports/peer0-trade-bank-n", null).then(), 403, "Forbidden");
        byte[] zip = given().header("Authorization", TestTokens.bearer("org-admin")).when()
                .post(org + "/nodeexports/peer0-trade-bank-n").then().statusCode(200).extract().asByteArray();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.add(entry.getName());
            }
        }
        assertThat(entries).contains("msp/config.yaml", "msp/keystore/priv_sk", "tls/server.crt", "tls/server.key", "tls/ca.crt");

        call("org-admin", "POST", org + "/identities", Map.of("name", "app9", "role", "client")).then().statusCode(201);
        assertError(call("org-admin", "POST", org + "/nodeexports/app9", null).then(), 404, "NotFound");
        KeyLeakScanner.assertNoKeyLeaks(client, answers);
    }

    @Test
    void strangersGetForbiddenOnEveryRouteOfAnOrganizationTheyDoNotAdminister() {
        createOrganization("bank-c", "BankCMSP");
        String org = BASE + "/bank-c";
        call("org-admin", "POST", org + "/identities", Map.of("name", "ops", "role", "admin")).then().statusCode(201);
        List<String[]> routes = List.of(
                new String[] {"GET", BASE}, new String[] {"POST", BASE}, new String[] {"GET", org}, new String[] {"DELETE", org},
                new String[] {"GET", org + "/identities"}, new String[] {"POST", org + "/identities"},
                new String[] {"POST", org + "/revocations"}, new String[] {"POST", org + "/identityexports/ops"},
                new String[] {"POST", org + "/mspexports"}, new String[] {"POST", org + "/nodeexports/ops"});
        for (String[] route : routes) {
            assertError(call("stranger", route[0], route[1], route[0].equals("POST") ? Map.of() : null).then(), 403, "Forbidden");
        }
        // An organization asked for through another workspace does not exist there.
        assertError(call("stranger", "POST", "/kapis/baas.io/v1/workspaces/ws-stranger/organizations/bank-c/identityexports/ops", null)
                .then(), 404, "NotFound");
    }

    @Test
    void anOrganizationInAConsortiumCannotBeDeletedAndDeletionRemovesItsKeys() {
        createOrganization("bank-d", "BankDMSP");
        call("org-admin", "POST", BASE + "/bank-d/identities", Map.of("name", "u1", "role", "user")).then().statusCode(201);
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("uses-bank-d");
        consortium.setSpec(new Consortium.Spec());
        consortium.getSpec().leader = new Consortium.Member("bank-d", WS);
        consortium.getSpec().members.add(consortium.getSpec().leader);
        client.resources(Consortium.class).resource(consortium).create();
        assertError(call("org-admin", "DELETE", BASE + "/bank-d", null).then(), 409, "Conflict");

        client.resources(Consortium.class).withName("uses-bank-d").delete();
        KubeSphereFixtures.await(() -> client.resources(Consortium.class).withName("uses-bank-d").get() == null);
        call("org-admin", "DELETE", BASE + "/bank-d", null).then().statusCode(204);
        assertThat(client.secrets().inNamespace("kubesphere-system").withLabel("baas.io/organization", "bank-d").list().getItems()).isEmpty();
        assertError(call("org-admin", "GET", BASE + "/bank-d", null).then(), 404, "NotFound");
        call("org-admin", "GET", BASE, null).then().body("items.metadata.name", not(hasItem("bank-d")));
    }

    /** Export audit records of this run only: the test database outlives runs. */
    private List<String> auditedExports(String organization, java.time.Instant since) {
        KubeSphereFixtures.await(() -> exportRows(organization, since).size() >= 2);
        return exportRows(organization, since);
    }

    private List<String> exportRows(String organization, java.time.Instant since) {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT username, status FROM audit_log"
                     + " WHERE subresource = 'identityexports' AND name = ? AND occurred_at >= ?")) {
            s.setString(1, organization);
            s.setObject(2, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getInt(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
