package io.baas.keyuse;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.iam.Caller;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Held keys leave or change only on record: an export or revocation writes its key-use row first
 * and is refused (503, no key in the body) when that row, or the request's audit row, cannot be
 * written; consents are read and written by organization.
 */
@QuarkusTest
class KeyUseAuditTest {

    static final String WS = "ws-keyuse";
    static final String BASE = "/kapis/baas.io/v1/workspaces/" + WS + "/organizations";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DatabaseConsents consents;

    @Inject
    KeyUseLog keyUses;

    private String org;

    @BeforeEach
    void organization() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WS);
        fixtures.user("ku-admin");
        fixtures.workspaceRoleBinding("ku-admin", WS, "admin");
        KubeSphereFixtures.await(migrator::migrated);
        org = "ku-" + UUID.randomUUID().toString().substring(0, 8);
        call("POST", BASE, Map.of("name", org, "mspId", org.replace("-", "").toUpperCase() + "MSP")).then().statusCode(201);
        call("POST", BASE + "/" + org + "/identities", Map.of("name", "app1", "role", "client")).then().statusCode(201);
    }

    private Response call(String method, String path, Object body) {
        var request = given().header("Authorization", TestTokens.bearer("ku-admin"));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().request(method, path);
    }

    @Test
    void anExportIsOnRecordWithItsUserBeforeTheKeyLeaves() {
        call("POST", BASE + "/" + org + "/identityexports/app1", null).then().statusCode(200)
                .body("privateKey", startsWith("-----BEGIN PRIVATE KEY-----"));
        assertThat(keyUseRows(org)).containsExactly("app1 export-identity ku-admin workspaces/" + WS + "/organizations/" + org
                + "/identityexports/app1");
        call("POST", BASE + "/" + org + "/revocations", Map.of("identity", "app1", "reason", "SUPERSEDED")).then().statusCode(200);
        assertThat(keyUseRows(org)).hasSize(2);
        assertThat(keyUseRows(org).get(1)).startsWith("app1 revoke-identity ku-admin");
    }

    @Test
    void anExportWhoseKeyUseCannotBeRecordedIsRefusedWithoutTheKey() throws SQLException {
        try (AutoCloseable refusing = refuseInserts("key_use")) {
            Response export = call("POST", BASE + "/" + org + "/identityexports/app1", null);
            assertError(export.then(), 503, "ServiceUnavailable");
            assertThat(export.asString()).doesNotContain("PRIVATE KEY");
            assertError(call("POST", BASE + "/" + org + "/revocations", Map.of("identity", "app1", "reason", "SUPERSEDED")).then(),
                    503, "ServiceUnavailable");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(keyUseRows(org)).isEmpty();
        call("GET", BASE + "/" + org + "/identities", null).then().statusCode(200)
                .body("items.find { it.name == 'app1' }.revoked", equalTo(false));
    }

    @Test
    void anExportWhoseRequestAuditCannotBeWrittenIsRefusedWithoutTheKey() {
        try (AutoCloseable refusing = refuseInserts("audit_log")) {
            Response export = call("POST", BASE + "/" + org + "/identityexports/app1", null);
            assertError(export.then(), 503, "ServiceUnavailable");
            assertThat(export.asString()).doesNotContain("PRIVATE KEY");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReconcilersKeyUseIsRecordedOffAnyRequestAndRefusedWhenItCannotBe() throws Exception {
        keyUses.record(KeyUse.byReconciler(org, "ks-baas-admin", KeyAction.APPROVE_CHAINCODE, "Chaincode ns/cc (generation 1)", "approve"));
        assertThat(keyUseRows(org)).containsExactly("ks-baas-admin approve-chaincode system:reconciler Chaincode ns/cc (generation 1)");
        try (AutoCloseable refusing = refuseInserts("key_use")) {
            assertThatThrownBy(() -> keyUses.record(KeyUse.byReconciler(org, "ks-baas-admin",
                    KeyAction.SIGN_CONFIG_UPDATE, "Channel ns/ch (generation 2)", "update")))
                    .isInstanceOf(KeyUseNotRecordedException.class);
        }
    }

    @Test
    void aConsentCoversExactlyTheDefinitionItsOrganizationsAdminGranted() {
        ChaincodeDefinition definition = ChaincodeDefinition.of("cc-" + org, "1.0", 1, false);
        ApprovalConsent approval = ApprovalConsent.of(org, "ch", definition, "cc_1.0:abc");
        assertThat(consents.granted(approval)).isFalse();
        consents.grant(approval, new Caller("ku-admin", Set.of()));
        consents.grant(approval, new Caller("ku-admin", Set.of()));
        assertThat(consents.granted(approval)).isTrue();
        assertThat(consents.granted(ApprovalConsent.of("other-org", "ch", definition, "cc_1.0:abc"))).isFalse();
        assertThat(consents.granted(ApprovalConsent.of(org, "ch", definition, "cc_1.0:def"))).as("another package").isFalse();
        assertThat(consents.granted(ApprovalConsent.of(org, "ch",
                definition.withPolicy(new io.baas.fabric.lifecycle.EndorsementPolicy.ChannelReference("/Channel/Application/Writers")),
                "cc_1.0:abc"))).as("another policy").isFalse();
    }

    /** Until closed, every INSERT into the table fails, as an unwritable audit table would. */
    private AutoCloseable refuseInserts(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION ks_baas_test_refuse() RETURNS trigger AS $$ BEGIN"
                    + " RAISE EXCEPTION 'inserts refused by the test'; END $$ LANGUAGE plpgsql");
            s.execute("DROP TRIGGER IF EXISTS ks_baas_test_refuse ON " + table);
            s.execute("CREATE TRIGGER ks_baas_test_refuse BEFORE INSERT ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION ks_baas_test_refuse()");
        }
        return () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS ks_baas_test_refuse ON " + table);
            }
        };
    }

    private List<String> keyUseRows(String organization) {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT identity, action, actor, resource FROM key_use WHERE organization = ? ORDER BY id")) {
            s.setString(1, organization);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
