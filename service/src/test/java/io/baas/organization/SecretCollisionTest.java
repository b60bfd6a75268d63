package io.baas.organization;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.CertifiedKey;
import io.baas.pki.ChainVerifier;
import io.baas.pki.Pem;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two tenants in two workspaces try to make the names of each other's Secrets in the service's
 * namespace collide. Each case is a pair that had the same Secret name under the old naming
 * ({@code <org>-identity-<identity>}, {@code <org>-ca}), so there bob got alice's key, failed on
 * her Secret, or deleted it; now every export, revocation and deletion touches only its own keys,
 * and a Secret found by name whose labels name someone else is neither read, nor changed, nor deleted.
 */
@QuarkusTest
class SecretCollisionTest {

    static final String NS = "kubesphere-system";
    static final String ALICE = "sc-alice";
    static final String BOB = "sc-bob";
    static final Map<String, String> WORKSPACES = Map.of(ALICE, "ws-sc-alice", BOB, "ws-sc-bob");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        WORKSPACES.forEach((user, workspace) -> {
            fixtures.workspace(workspace);
            fixtures.user(user);
            fixtures.workspaceRoleBinding(user, workspace, "admin");
        });
        KubeSphereFixtures.await(migrator::migrated);
    }

    @Test
    void anIdentityOfAnotherOrganizationCannotBeReachedThroughASpelledName() {
        // Old naming: alice's scp/identity-q and bob's scp-identity/q were both "scp-identity-identity-q".
        String aliceCa = create(ALICE, "scp", "ScpMSP");
        String aliceKey = issue(ALICE, "scp", "identity-q");
        create(BOB, "scp-identity", "ScpIdentityMSP");
        assertError(export(BOB, "scp-identity", "q").then(), 404, "NotFound");
        assertError(revoke(BOB, "scp-identity", "q").then(), 404, "NotFound");
        assertError(call(BOB, "POST", path(BOB, "scp-identity") + "/nodeexports/q", null).then(), 404, "NotFound");

        String bobKey = issue(BOB, "scp-identity", "q");
        String aliceQ = issue(ALICE, "scp", "q"); // the issue's own example: same identity name, organization a prefix
        Response bobs = export(BOB, "scp-identity", "q");
        bobs.then().statusCode(200).body("organization", equalTo("scp-identity")).body("certificate", equalTo(bobKey));
        assertThat(bobs.<String>path("privateKey")).isNotEqualTo(export(ALICE, "scp", "identity-q").path("privateKey"))
                .isNotEqualTo(export(ALICE, "scp", "q").path("privateKey"));
        CertifiedKey.fromPem(bobs.path("certificate"), bobs.path("privateKey")); // the key belongs to bob's certificate

        revoke(BOB, "scp-identity", "q").then().statusCode(200).body("revoked", equalTo(true));
        call(ALICE, "GET", path(ALICE, "scp") + "/identities", null).then().statusCode(200)
                .body("items.findAll { it.revoked }.size()", equalTo(0));
        call(BOB, "DELETE", path(BOB, "scp-identity"), null).then().statusCode(204);

        assertOwnKey(ALICE, "scp", "identity-q", aliceKey, aliceCa);
        assertOwnKey(ALICE, "scp", "q", aliceQ, aliceCa);
    }

    @Test
    void aCaSecretNameCannotBeSpelledByAnIdentityOfAnotherOrganization() {
        // Old naming: alice's identity b-ca of sca was "sca-identity-b-ca", the CA Secret of bob's sca-identity-b.
        String aliceCa = create(ALICE, "sca", "ScaMSP");
        String aliceKey = issue(ALICE, "sca", "b-ca");
        String bobCa = create(BOB, "sca-identity-b", "ScaIdentityBMSP");
        assertThat(bobCa).isNotEqualTo(aliceCa);
        assertThat(caSecretChain("sca-identity-b")).isEqualTo(bobCa);
        String bobKey = issue(BOB, "sca-identity-b", "app");
        assertOwnKey(BOB, "sca-identity-b", "app", bobKey, bobCa);
        call(BOB, "DELETE", path(BOB, "sca-identity-b"), null).then().statusCode(204);
        assertOwnKey(ALICE, "sca", "b-ca", aliceKey, aliceCa);

        // Old naming: the CA Secret of alice's scm-identity-n was "scm-identity-n-ca", bob's identity n-ca of scm.
        String aliceCa2 = create(ALICE, "scm-identity-n", "ScmIdentityNMSP");
        String bobCa2 = create(BOB, "scm", "ScmMSP");
        String bobKey2 = issue(BOB, "scm", "n-ca");
        assertOwnKey(BOB, "scm", "n-ca", bobKey2, bobCa2);
        revoke(BOB, "scm", "n-ca").then().statusCode(200);
        call(BOB, "DELETE", path(BOB, "scm"), null).then().statusCode(204);
        assertThat(caSecretChain("scm-identity-n")).isEqualTo(aliceCa2);
        String aliceKey2 = issue(ALICE, "scm-identity-n", "after");
        assertOwnKey(ALICE, "scm-identity-n", "after", aliceKey2, aliceCa2);
    }

    @Test
    void aSecretUnderOurNameButLabelledForAnotherOrganizationIsNeitherReadNorChangedNorDeleted() {
        create(ALICE, "scl-a", "SclAMSP");
        issue(ALICE, "scl-a", "z");
        create(BOB, "scl-b", "SclBMSP");
        // As if a name collided: alice's identity Secret, with her labels, under the name of bob's identity z.
        Secret aliceZ = client.secrets().inNamespace(NS).withName(IdentitySecret.name("scl-a", "z")).get();
        Secret planted = plant(aliceZ, IdentitySecret.name("scl-b", "z"));
        assertError(export(BOB, "scl-b", "z").then(), 404, "NotFound");
        assertError(revoke(BOB, "scl-b", "z").then(), 404, "NotFound");
        assertError(call(BOB, "POST", path(BOB, "scl-b") + "/identities", Map.of("name", "z", "role", "client")).then(), 409, "Conflict");
        assertUnchanged(planted);

        // The same for the CA Secret of an organization bob is about to create: refused, nothing overwritten.
        Secret aliceCa = client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("scl-a")).get();
        Secret plantedCa = plant(aliceCa, OrganizationCaSecret.name("scl-c"));
        assertError(call(BOB, "POST", base(BOB), Map.of("name", "scl-c", "mspId", "SclCMSP")).then(), 409, "Conflict");
        assertUnchanged(plantedCa);

        call(BOB, "DELETE", path(BOB, "scl-b"), null).then().statusCode(204);
        assertUnchanged(planted);
        client.secrets().inNamespace(NS).withName(plantedCa.getMetadata().getName()).delete();
        KubeSphereFixtures.await(() -> client.secrets().inNamespace(NS).withName(plantedCa.getMetadata().getName()).get() == null);
        create(BOB, "scl-c", "SclCMSP"); // the failed create released its claim
    }

    @Test
    void aSecretUnderItsFormerJoinedNameIsMovedOnlyWhenItsLabelsSayItIsTheOneAskedFor() {
        String ca = create(ALICE, "scy", "ScyMSP");
        String key = issue(ALICE, "scy", "identity-z");
        // As an earlier version left them: alice's Secrets under the joined names.
        Secret identity = moveToLegacyName(IdentitySecret.name("scy", "identity-z"), "scy-identity-identity-z");
        moveToLegacyName(OrganizationCaSecret.name("scy"), "scy-ca");
        create(BOB, "scy-identity", "ScyIdentityMSP");
        assertError(export(BOB, "scy-identity", "z").then(), 404, "NotFound"); // the joined name is bob's too, the labels are not
        assertUnchanged(identity);

        assertOwnKey(ALICE, "scy", "identity-z", key, ca); // moved under the hashed names, CA included
        assertThat(client.secrets().inNamespace(NS).withName("scy-identity-identity-z").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("scy-ca").get()).isNull();
        assertThat(caSecretChain("scy")).isEqualTo(ca);
    }

    private Secret moveToLegacyName(String name, String legacyName) {
        Secret current = client.secrets().inNamespace(NS).withName(name).get();
        Secret legacy = plant(current, legacyName);
        client.secrets().inNamespace(NS).withName(name).delete();
        KubeSphereFixtures.await(() -> client.secrets().inNamespace(NS).withName(name).get() == null);
        return legacy;
    }

    private Secret plant(Secret original, String name) {
        Secret copy = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withLabels(original.getMetadata().getLabels()).build()).withType(original.getType()).withData(original.getData()).build();
        return client.secrets().resource(copy).create();
    }

    private void assertUnchanged(Secret planted) {
        Secret now = client.secrets().inNamespace(NS).withName(planted.getMetadata().getName()).get();
        assertThat(now).as("the planted Secret is still there").isNotNull();
        assertThat(now.getMetadata().getUid()).isEqualTo(planted.getMetadata().getUid());
        assertThat(now.getMetadata().getLabels()).isEqualTo(planted.getMetadata().getLabels());
        assertThat(now.getData()).isEqualTo(planted.getData());
    }

    /** The identity exports as issued, with the key of its certificate, chaining to its own organization's CA. */
    private void assertOwnKey(String user, String organization, String identity, String certificate, String caChain) {
        Response wallet = export(user, organization, identity);
        wallet.then().statusCode(200).body("organization", equalTo(organization)).body("certificate", equalTo(certificate));
        CertifiedKey.fromPem(wallet.path("certificate"), wallet.path("privateKey"));
        List<X509Certificate> cas = Pem.certificates(caChain);
        new ChainVerifier(Clock.systemUTC()).verify(List.of(Pem.certificate(certificate)), List.of(cas.get(cas.size() - 1)));
        assertThat(wallet.<String>path("caCertificates")).isEqualTo(caChain);
    }

    private String caSecretChain(String organization) {
        Secret secret = client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name(organization)).get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("baas.io/organization", organization);
        return new String(java.util.Base64.getDecoder().decode(secret.getData().get("ca-chain.pem")), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Creates the organization and answers its CA chain, as its status gives it once reconciled. */
    private String create(String user, String name, String mspId) {
        Response created = call(user, "POST", base(user), Map.of("name", name, "mspId", mspId));
        created.then().statusCode(201);
        return ReconciledOrganizations.ready(client, name).getStatus().caCertificate;
    }

    private String issue(String user, String organization, String identity) {
        Response issued = call(user, "POST", path(user, organization) + "/identities", Map.of("name", identity, "role", "client"));
        issued.then().statusCode(201);
        return issued.path("certificate");
    }

    private Response export(String user, String organization, String identity) {
        return call(user, "POST", path(user, organization) + "/identityexports/" + identity, null);
    }

    private Response revoke(String user, String organization, String identity) {
        return call(user, "POST", path(user, organization) + "/revocations", Map.of("identity", identity, "reason", "KEY_COMPROMISE"));
    }

    private static String base(String user) {
        return "/kapis/baas.io/v1/workspaces/" + WORKSPACES.get(user) + "/organizations";
    }

    private static String path(String user, String organization) {
        return base(user) + "/" + organization;
    }

    private static Response call(String user, String method, String path, Object body) {
        var request = given().header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().request(method, path);
    }
}
