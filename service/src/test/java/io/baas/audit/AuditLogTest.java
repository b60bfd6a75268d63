package io.baas.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every mutating call lands in the audit log with who, what and how it ended, refused ones included. */
@QuarkusTest
class AuditLogTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @BeforeEach
    void ready() {
        new KubeSphereFixtures(client, iam).user("petra");
        KubeSphereFixtures.await(migrator::migrated);
    }

    @Test
    void mutatingCallsAreRecordedWithTheirOutcome() throws SQLException {
        String marker = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json").body("{}")
                .when().delete("/kapis/baas.io/v1/workspaces/system-workspace/consortia/" + marker).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("petra")).contentType("application/json").body("{}")
                .when().post("/kapis/baas.io/v1/workspaces/system-workspace/consortia/" + marker).then().statusCode(403);
        given().contentType("application/json").body("{}")
                .when().put("/kapis/baas.io/v1/workspaces/system-workspace/consortia/" + marker).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/workspaces/system-workspace/consortia/" + marker);

        List<String> rows = new ArrayList<>();
        KubeSphereFixtures.await(() -> rowsFor(marker).size() >= 3);
        rows.addAll(rowsFor(marker));
        assertThat(rows).containsExactlyInAnyOrder(
                "admin delete DELETE Workspace system-workspace consortia 404",
                "petra create POST Workspace system-workspace consortia 403",
                "null update PUT Workspace system-workspace consortia 401");
    }

    private List<String> rowsFor(String name) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT username, verb, method, scope, workspace, resource, status FROM audit_log WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                            + result.getString(4) + " " + result.getString(5) + " " + result.getString(6) + " " + result.getInt(7));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
