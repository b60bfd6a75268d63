package io.baas.organization;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Organization;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TcpForwarder;
import io.baas.support.TestTokens;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without PostgreSQL no name or MSP ID can be claimed: a create answers 503 and makes nothing. */
@QuarkusTest
@TestProfile(OrganizationCreateWithoutDatabaseTest.UnreachableDatabase.class)
class OrganizationCreateWithoutDatabaseTest {

    static final int PORT = TcpForwarder.freePort();

    /** A port nothing listens on: connections are refused at once. */
    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PORT + "/baas_test",
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + PORT + "/baas_test");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Test
    void aCreateAnswers503AndLeavesNothingBehind() {
        KubeSphereFixtures.await(iam::synced);
        KubeSphereFixtures.await(() -> migrator.lastProblem().contains("refused"));
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-nodb");
        fixtures.user("nodb-admin");
        fixtures.workspaceRoleBinding("nodb-admin", "ws-nodb", "admin");

        assertError(given().header("Authorization", TestTokens.bearer("nodb-admin")).contentType("application/json")
                .body(Map.of("name", "nodb-org", "mspId", "NoDbMSP"))
                .when().post("/kapis/baas.io/v1/workspaces/ws-nodb/organizations").then(), 503, "ServiceUnavailable");
        assertThat(client.resources(Organization.class).withName("nodb-org").get()).isNull();
        assertThat(client.secrets().inNamespace("kubesphere-system").withName(OrganizationCaSecret.name("nodb-org")).get()).isNull();
    }
}
