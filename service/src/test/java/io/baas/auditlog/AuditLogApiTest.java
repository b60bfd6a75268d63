package io.baas.auditlog;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.access.CurrentRequest;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail through the API: a workspace reads its own calls and its organizations' key
 * uses (joined to the request that caused them), nothing of another workspace; platform admins
 * read everything; the filters narrow, page and refuse bad values.
 */
@QuarkusTest
class AuditLogApiTest {

    static final String WS_A = "al-a";
    static final String WS_B = "al-b";
    static final String PREFIX = "/kapis/baas.io/v1";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    /** The X-Request-Id of the identity export made in the fixture. */
    private static String exportRequestId;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(WS_A, WS_B)) {
            fixtures.workspaceWithAdmin(workspace);
        }
        fixtures.user(WS_A + "-viewer");
        fixtures.workspaceRoleBinding(WS_A + "-viewer", WS_A, "viewer");
        fixtures.user("al-platform-admin");
        fixtures.globalRoleBinding("al-platform-admin", "platform-admin");
        KubeSphereFixtures.await(migrator::migrated);
        if (exportRequestId == null) {
            post(WS_A + "-admin", "/workspaces/" + WS_A + "/organizations", Map.of("name", "al-org-a", "mspId", "AlOrgAMSP"))
                    .then().statusCode(201);
            post(WS_A + "-admin", "/workspaces/" + WS_A + "/organizations/al-org-a/identities", Map.of("name", "app", "role", "client"))
                    .then().statusCode(201);
            Response export = post(WS_A + "-admin", "/workspaces/" + WS_A + "/organizations/al-org-a/identityexports/app", null);
            export.then().statusCode(200);
            exportRequestId = export.header(CurrentRequest.HEADER);
            post(WS_B + "-admin", "/workspaces/" + WS_B + "/organizations", Map.of("name", "al-org-b", "mspId", "AlOrgBMSP"))
                    .then().statusCode(201);
        }
    }

    private static Response post(String user, String path, Object body) {
        var request = given().header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().post(PREFIX + path);
    }

    private static Response get(String user, String path) {
        return given().header("Authorization", TestTokens.bearer(user)).when().get(PREFIX + path);
    }

    @Test
    void aWorkspaceReadsItsCallsAndItsKeyUsesJoinedToTheirRequest() {
        assertThat(exportRequestId).as("every answer names its request").isNotBlank();
        Response trail = get(WS_A + "-admin", "/workspaces/" + WS_A + "/auditlogs?limit=1000");
        trail.then().statusCode(200);
        List<Map<String, Object>> items = trail.path("items");
        assertThat(items).isNotEmpty().allSatisfy(entry -> assertThat(entry.get("workspace")).isEqualTo(WS_A));
        assertThat(items).anySatisfy(entry -> {
            assertThat(entry.get("kind")).isEqualTo("Request");
            assertThat(entry.get("verb")).isEqualTo("create");
            assertThat(entry.get("requestURI")).isEqualTo(PREFIX + "/workspaces/" + WS_A + "/organizations");
            assertThat(entry.get("user")).isEqualTo(Map.of("username", WS_A + "-admin"));
            assertThat(entry.get("responseStatus")).isEqualTo(Map.of("code", 201));
            assertThat(entry.get("auditID")).asString().startsWith("request-");
        });
        // The export as a call and as a key use, both under the request id its answer carried.
        List<Map<String, Object>> export = items.stream().filter(e -> exportRequestId.equals(e.get("requestID"))).toList();
        assertThat(export).extracting(e -> e.get("kind")).containsExactlyInAnyOrder("Request", "KeyUse");
        Map<String, Object> keyUse = export.stream().filter(e -> e.get("kind").equals("KeyUse")).findFirst().orElseThrow();
        assertThat(keyUse.get("verb")).isEqualTo("export-identity");
        assertThat(keyUse.get("organization")).isEqualTo("al-org-a");
        assertThat(keyUse.get("user")).isEqualTo(Map.of("username", WS_A + "-admin"));
        assertThat(((Map<?, ?>) keyUse.get("keyUse")).get("identity")).isEqualTo("app");
        assertThat(trail.asString()).doesNotContain("al-org-b").doesNotContain("PRIVATE KEY");

        get(WS_A + "-viewer", "/workspaces/" + WS_A + "/auditlogs").then().statusCode(200);
    }

    @Test
    void anotherWorkspaceSeesNothingAndPlatformAdminsSeeAll() {
        assertError(get(WS_B + "-admin", "/workspaces/" + WS_A + "/auditlogs").then(), 403, "Forbidden");
        assertError(get(WS_A + "-admin", "/auditlogs").then(), 403, "Forbidden");
        assertThat(get(WS_B + "-admin", "/workspaces/" + WS_B + "/auditlogs?limit=1000").<List<String>>path("items.workspace"))
                .isNotEmpty().containsOnly(WS_B);
        Response all = get("al-platform-admin", "/auditlogs?limit=1000&target=/organizations");
        all.then().statusCode(200);
        assertThat(all.<List<String>>path("items.workspace")).contains(WS_A, WS_B);
    }

    @Test
    void filtersNarrowAndPage() {
        String base = "/workspaces/" + WS_A + "/auditlogs";
        assertThat(get(WS_A + "-admin", base + "?kind=KeyUse&limit=1000").<List<String>>path("items.kind")).isNotEmpty().containsOnly("KeyUse");
        assertThat(get(WS_A + "-admin", base + "?action=create&user=" + WS_A + "-admin&limit=1000").<List<String>>path("items.verb"))
                .isNotEmpty().containsOnly("create");
        assertThat(get(WS_A + "-admin", base + "?target=identityexports&limit=1000").<List<String>>path("items.requestID"))
                .contains(exportRequestId);
        assertThat(get(WS_A + "-admin", base + "?organization=al-org-a&kind=KeyUse").<Integer>path("totalItems")).isPositive();
        assertThat(get(WS_A + "-admin", base + "?user=nobody-at-all").<Integer>path("totalItems")).isZero();
        // A LIKE wildcard in the target is a character, not a pattern.
        assertThat(get(WS_A + "-admin", base + "?target=%25").<Integer>path("totalItems")).isZero();

        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(get(WS_A + "-admin", base + "?start=" + future).<Integer>path("totalItems")).isZero();
        int total = get(WS_A + "-admin", base + "?end=" + future).path("totalItems");
        assertThat(total).isGreaterThanOrEqualTo(3);
        Response second = get(WS_A + "-admin", base + "?limit=1&page=2");
        assertThat(second.<Integer>path("totalItems")).isEqualTo(total);
        assertThat(second.<List<Object>>path("items")).hasSize(1);
        assertThat(second.<String>path("items[0].auditID"))
                .isNotEqualTo(get(WS_A + "-admin", base + "?limit=1&page=1").<String>path("items[0].auditID"));
    }

    @Test
    void badFiltersAreRefusedWithFieldErrors() {
        String base = "/workspaces/" + WS_A + "/auditlogs";
        for (String query : List.of("start=yesterday", "end=2026-13-01", "limit=0", "limit=1001", "page=0", "page=x", "kind=Everything")) {
            assertError(get(WS_A + "-admin", base + "?" + query).then(), 400, "BadRequest");
        }
        assertError(get("al-platform-admin", "/workspaces/Not_A_Workspace/auditlogs").then(), 400, "BadRequest");
    }
}
