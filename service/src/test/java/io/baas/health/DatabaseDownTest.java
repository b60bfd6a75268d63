package io.baas.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static io.baas.support.ApiAssertions.assertError;

import io.baas.crd.Condition;
import io.baas.crd.Organization;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TcpForwarder;
import io.baas.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is unreachable when the service starts: it must start anyway, stay unready and say
 * what it waits for, then migrate and become ready once the database answers.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.UnreachableDatabase.class)
class DatabaseDownTest {

    static final int PORT = TcpForwarder.freePort();

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PORT + "/baas_test",
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + PORT + "/baas_test",
                    "baas.database.retry-interval", "500ms");
        }
    }

    @Inject
    DatabaseMigrator migrator;

    @Inject
    KubeSphereIam iam;

    @Inject
    io.fabric8.kubernetes.client.KubernetesClient client;

    @Test
    void startsUnreadyThenMigratesWhenTheDatabaseAppears() throws Exception {
        KubeSphereFixtures.await(iam::synced);
        KubeSphereFixtures.await(() -> migrator.lastProblem().contains("refused"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database-migrated' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database-migrated' }.data.waitingFor", containsString("refused"));
        // Reads that need no database keep working meanwhile.
        given().header("Authorization", TestTokens.bearer("admin")).when().get("/kapis/baas.io/v1/consortia")
                .then().statusCode(200);
        // Those that do answer 503 (the awaited failure unwrapped), not 500; an export gives no key.
        new KubeSphereFixtures(client, iam).workspace("ws-dbdown");
        String organizations = "/kapis/baas.io/v1/workspaces/ws-dbdown/organizations";
        // Creating an organization claims its name and MSP ID in the database first: 503, and nothing made.
        assertError(given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "db-down", "mspId", "DbDownMSP")).when().post(organizations).then(), 503, "ServiceUnavailable");
        org.assertj.core.api.Assertions.assertThat(client.resources(Organization.class).withName("db-down").get()).isNull();
        // One applied as with kubectl gets its CAs from the reconciler, which needs no database.
        Organization applied = new Organization();
        applied.getMetadata().setName("db-down");
        applied.setSpec(new Organization.Spec());
        applied.getSpec().workspace = "ws-dbdown";
        applied.getSpec().mspId = "DbDownMSP";
        applied.getSpec().domain = "db-down.example";
        client.resources(Organization.class).resource(applied).create();
        KubeSphereFixtures.await(() -> {
            Organization current = client.resources(Organization.class).withName("db-down").get();
            return current != null && current.getStatus() != null && current.getStatus().conditions != null
                    && current.getStatus().conditions.stream().anyMatch(c -> Condition.READY.equals(c.type) && "CasReady".equals(c.reason));
        });
        given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json")
                .body(Map.of("name", "app1", "role", "client")).when().post(organizations + "/db-down/identities").then().statusCode(201);
        assertError(given().header("Authorization", TestTokens.bearer("admin")).when().get(organizations + "/db-down/identities")
                .then(), 503, "ServiceUnavailable");
        assertError(given().header("Authorization", TestTokens.bearer("admin")).when().post(organizations + "/db-down/identityexports/app1")
                .then(), 503, "ServiceUnavailable").body(not(containsString("PRIVATE KEY")));

        try (TcpForwarder database = new TcpForwarder(PORT, 5432)) {
            database.start();
            KubeSphereFixtures.await(migrator::migrated);
            given().when().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'database-migrated' }.status", equalTo("UP"))
                    .body("checks.name", hasItem("kubernetes-api"));
        }
    }
}
