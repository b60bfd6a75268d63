package io.baas.organization;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.MspOrganization;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organization names and MSP IDs are claimed atomically: of parallel creates exactly one wins and
 * its CAs are the ones in its status and in its answer; a claim left by a request that died, or by
 * an organization deleted without releasing it, does not block for ever; a rollback removes only
 * the CA Secret it made.
 */
@QuarkusTest
class OrganizationClaimTest {

    static final String WS = "ws-claims";
    static final String BASE = "/kapis/baas.io/v1/workspaces/" + WS + "/organizations";
    static final String NS = "kubesphere-system";
    static final int PARALLEL = 20;

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrganizationCustody custody;

    @Inject
    OrganizationClaims claims;

    @Inject
    BaasConfig config;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WS);
        fixtures.user("claims-admin");
        fixtures.workspaceRoleBinding("claims-admin", WS, "admin");
        KubeSphereFixtures.await(migrator::migrated);
    }

    @Test
    void parallelCreatesOfOneNameLeaveOneOrganizationWhoseCasAreItsOwn() throws Exception {
        List<Response> answers = parallel(i -> Map.of("name", "race-name", "mspId", "RaceName" + i + "MSP"));
        Response winner = onlyWinner(answers);
        assertConsistent("race-name", winner);
        assertThat(client.resources(Organization.class).withName("race-name").get().getSpec().mspId)
                .isEqualTo(winner.<String>path("spec.mspId"));
    }

    @Test
    void parallelCreatesOfOneMspIdLeaveOneOrganization() throws Exception {
        List<Response> answers = parallel(i -> Map.of("name", "race-msp-" + i, "mspId", "RaceMSP"));
        Response winner = onlyWinner(answers);
        String name = winner.path("metadata.name");
        assertConsistent(name, winner);
        assertThat(client.resources(Organization.class).list().getItems())
                .filteredOn(o -> "RaceMSP".equals(o.getSpec().mspId)).extracting(o -> o.getMetadata().getName()).containsExactly(name);
        for (int i = 0; i < PARALLEL; i++) {
            if (!name.equals("race-msp-" + i)) {
                assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("race-msp-" + i)).get())
                        .as("no CA for a loser").isNull();
            }
        }
    }

    @Test
    void aDeletedOrganizationFreesItsNameAndMspId() {
        create("freed-a", "FreedMSP").then().statusCode(201);
        assertThat(claimed("freed-a")).isPresent();
        assertError(create("freed-b", "FreedMSP").then(), 409, "Conflict");
        call("DELETE", BASE + "/freed-a", null).then().statusCode(204);
        assertThat(claimed("freed-a")).isEmpty();
        create("freed-b", "FreedMSP").then().statusCode(201);
        create("freed-a", "FreedAgainMSP").then().statusCode(201);
    }

    @Test
    void aClaimWhoseOrganizationIsGoneAndWhoseRequestIsOverIsTakenOver() {
        // Bound, organization gone: deleted while the database was down.
        insertClaim("stale-bound", "StaleBoundMSP", "BOUND", claims.holder(), OffsetDateTime.now(ZoneOffset.UTC));
        create("stale-bound", "StaleBoundMSP").then().statusCode(201);
        // Pending on this instance, no longer running here: the request died.
        insertClaim("stale-dead", "StaleDeadMSP", "PENDING", claims.holder(), OffsetDateTime.now(ZoneOffset.UTC));
        create("stale-other-name", "StaleDeadMSP").then().statusCode(201);
        // Pending on another instance: within its lease the request may still run, after it, it does not.
        String other = UUID.randomUUID().toString();
        insertClaim("stale-lease", "StaleLeaseMSP", "PENDING", other, OffsetDateTime.now(ZoneOffset.UTC));
        assertError(create("stale-lease", "StaleLeaseMSP").then(), 409, "Conflict");
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("stale-lease")).get()).isNull();
        deleteClaim("stale-lease");
        insertClaim("stale-lease", "StaleLeaseMSP", "PENDING", other,
                OffsetDateTime.now(ZoneOffset.UTC).minus(config.organizations().claimLease()).minusSeconds(1));
        create("stale-lease", "StaleLeaseMSP").then().statusCode(201);
    }

    @Test
    void aClaimWhoseOrganizationExistsIsNeverTakenOver() {
        create("kept-claim", "KeptClaimMSP").then().statusCode(201);
        execute("UPDATE organization_claim SET state = 'PENDING', holder = ? WHERE name = ?", UUID.randomUUID().toString(), "kept-claim");
        execute("UPDATE organization_claim SET claimed_at = ? WHERE name = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), "kept-claim");
        assertError(create("kept-claim", "OtherKeptMSP").then(), 409, "Conflict");
        assertError(create("kept-claim-2", "KeptClaimMSP").then(), 409, "Conflict");
        assertThat(claimed("kept-claim")).isPresent();
    }

    @Test
    void aRollbackDeletesOnlyTheCaSecretItMade() {
        MspOrganization msp = new MspOrganization("RollbackMSP", "rollback.example");
        OrganizationCustody.CreatedCas first = custody.createOrReuse("rollback-org", msp, Optional.empty());
        assertThat(first.createdNow()).isTrue();
        // Another request's rollback, holding another uid, leaves this Secret alone.
        custody.deleteCreated("rollback-org", UUID.randomUUID().toString());
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("rollback-org")).get()).isNotNull();
        // A retry for the same subjects reuses it (made nothing), so its rollback would delete nothing.
        OrganizationCustody.CreatedCas retry = custody.createOrReuse("rollback-org", msp, Optional.empty());
        assertThat(retry.createdNow()).isFalse();
        assertThat(retry.cas().certificates().signingChain()).isEqualTo(first.cas().certificates().signingChain());
        // A retry for other subjects gets CAs of its own, which its rollback removes.
        OrganizationCustody.CreatedCas other = custody.createOrReuse("rollback-org", new MspOrganization("OtherMSP", "other.example"),
                Optional.empty());
        assertThat(other.createdNow()).isTrue();
        custody.deleteCreated("rollback-org", first.createdUid().orElseThrow());
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("rollback-org")).get()).isNotNull();
        custody.deleteCreated("rollback-org", other.createdUid().orElseThrow());
        assertThat(client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name("rollback-org")).get()).isNull();
    }

    /** Exactly one 201, every other answer a 409 in the error model. */
    private static Response onlyWinner(List<Response> answers) {
        List<Response> created = answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertThat(created).as("answers: %s", answers.stream().map(Response::statusCode).toList()).hasSize(1);
        answers.stream().filter(r -> r.statusCode() != 201).forEach(r -> assertError(r.then(), 409, "Conflict"));
        return created.get(0);
    }

    /** The CA Secret holds the chain of the stored status; the claim is bound to the 201 answer's organization. */
    private void assertConsistent(String name, Response winner) {
        Secret secret = client.secrets().inNamespace(NS).withName(OrganizationCaSecret.name(name)).get();
        String held = new String(Base64.getDecoder().decode(secret.getData().get("ca-chain.pem")), StandardCharsets.US_ASCII);
        assertThat(winner.<String>path("metadata.uid")).isNotNull();
        Organization stored = ReconciledOrganizations.ready(client, name);
        assertThat(stored.getMetadata().getUid()).isEqualTo(winner.<String>path("metadata.uid"));
        assertThat(stored.getStatus().caCertificate).isEqualTo(held);
        assertThat(claimed(name)).contains("BOUND " + stored.getSpec().mspId);
    }

    private List<Response> parallel(IntFunction<Map<String, String>> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                Map<String, String> request = body.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return create(request.get("name"), request.get("mspId"));
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private Response create(String name, String mspId) {
        return call("POST", BASE, Map.of("name", name, "mspId", mspId));
    }

    private static Response call(String method, String path, Object body) {
        var request = given().header("Authorization", TestTokens.bearer("claims-admin"));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().request(method, path);
    }

    /** "STATE MSPID" of the name's claim, if any. */
    private Optional<String> claimed(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state, msp_id FROM organization_claim WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1) + " " + r.getString(2)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A claim as a request or an organization of an earlier run left it (the test database outlives runs). */
    private void insertClaim(String name, String mspId, String state, String holder, OffsetDateTime at) {
        execute("DELETE FROM organization_claim WHERE name = ? OR msp_id = ?", name, mspId);
        execute("INSERT INTO organization_claim (name, msp_id, workspace, request_id, holder, state, claimed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", name, mspId, WS, UUID.randomUUID().toString(), holder, state, at);
    }

    private void deleteClaim(String name) {
        execute("DELETE FROM organization_claim WHERE name = ?", name);
    }

    private void execute(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
