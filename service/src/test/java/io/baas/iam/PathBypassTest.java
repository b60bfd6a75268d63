package io.baas.iam;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.iam.permission.PermissionTable;
import io.baas.iam.permission.RoutePermission;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.RawHttp;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the permission table, spelled every way an attacker would (escaped characters of
 * the prefix and of every segment, escaped and plain dot segments that climb from their own
 * workspace into another, doubled slashes, backslashes, path parameters), sent byte for byte
 * without a token and with another workspace's admin token. The gate must refuse each with 400
 * before authenticating: the path that is authorized has to be the path that is routed.
 */
@QuarkusTest
class PathBypassTest {

    static final String WS_A = "byp-a";
    static final String WS_B = "byp-b";
    static final String ORG_A = "byp-org-a";
    static final String IDENTITY = "user1";
    static final String PREFIX = "/kapis/baas.io/v1";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WS_A);
        fixtures.workspace(WS_B);
        fixtures.user("byp-admin-a");
        fixtures.user("byp-admin-b");
        fixtures.workspaceRoleBinding("byp-admin-a", WS_A, "admin");
        fixtures.workspaceRoleBinding("byp-admin-b", WS_B, "admin");
        KubeSphereFixtures.await(migrator::migrated);
        String organizations = PREFIX + "/workspaces/" + WS_A + "/organizations";
        if (given().header("Authorization", TestTokens.bearer("byp-admin-a")).get(organizations + "/" + ORG_A).statusCode() == 404) {
            given().header("Authorization", TestTokens.bearer("byp-admin-a")).contentType("application/json")
                    .body(Map.of("name", ORG_A, "mspId", "BypOrgAMSP")).post(organizations).then().statusCode(201);
            given().header("Authorization", TestTokens.bearer("byp-admin-a")).contentType("application/json")
                    .body(Map.of("name", IDENTITY, "role", "client")).post(organizations + "/" + ORG_A + "/identities")
                    .then().statusCode(201);
        }
    }

    @Test
    void theOwnAdminGetsTheKeyThroughTheOrdinarySpelling() {
        // What the attacks below aim at is really there: the test can fail.
        RawHttp.Answer answer = RawHttp.send(RestAssured.port, "POST", target(WS_A, "/identityexports/" + IDENTITY), "",
                "Authorization: " + TestTokens.bearer("byp-admin-a"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("PRIVATE KEY");
    }

    static Stream<RoutePermission> routes() {
        return PermissionTable.ROUTES.stream();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void everyOtherSpellingOfTheRouteIsRefusedBeforeAuthentication(RoutePermission route) {
        String path = concrete(route.path(), WS_A);
        Map<String, String> spellings = spellings(path);
        spellings.putAll(pivots(route.path()));
        assertThat(spellings).hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        spellings.forEach((how, target) -> {
            for (String authorization : new String[] {null, "Authorization: " + TestTokens.bearer("byp-admin-b")}) {
                RawHttp.Answer answer = authorization == null
                        ? RawHttp.send(RestAssured.port, route.method(), target, body(route))
                        : RawHttp.send(RestAssured.port, route.method(), target, body(route), authorization);
                // The gate's JSON answer, or Vert.x's bare 400 for a request line it cannot parse at all (backslash).
                boolean refused = answer.status() == 400
                        && (answer.body().contains("\"reason\":\"NonCanonicalPath\"") || answer.body().isEmpty());
                if (!refused || answer.body().contains("PRIVATE KEY")) {
                    failures.add((authorization == null ? "anonymous " : "byp-admin-b ") + route.method() + " " + target
                            + " (" + how + "): " + answer.status() + " " + clip(answer.body()));
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void spellingsThatAreCanonicalButForeignNeverServeAnything(RoutePermission route) {
        String path = concrete(route.path(), WS_A);
        List<String> targets = List.of(
                path.toUpperCase(Locale.ROOT),
                path.replace("/kapis/baas.io/", "/kapis/BAAS.io/"),
                path.replace("/v1/", "/V1/"),
                path.replace("/kapis/", "/clusters/host/kapis/"),
                "http://localhost" + path,
                path + "%20",
                path.replace("/" + WS_A + "/", "/" + WS_A + "%20/"));
        List<String> failures = new ArrayList<>();
        for (String target : targets) {
            for (String authorization : new String[] {null, "Authorization: " + TestTokens.bearer("byp-admin-b")}) {
                RawHttp.Answer answer = authorization == null
                        ? RawHttp.send(RestAssured.port, route.method(), target, body(route))
                        : RawHttp.send(RestAssured.port, route.method(), target, body(route), authorization);
                if (answer.status() < 400 || answer.body().contains("PRIVATE KEY")) {
                    failures.add(route.method() + " " + target + ": " + answer.status() + " " + clip(answer.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Each character of the prefix, and the first and last of every segment, escaped; every separator misspelt. */
    static Map<String, String> spellings(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        int prefixEnd = "/kapis/baas.io/v1/".length();
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean segmentEdge = path.charAt(i - 1) == '/' || i == path.length() - 1 || path.charAt(i + 1) == '/';
            if (c == '/' || !(i < prefixEnd || segmentEdge)) {
                continue;
            }
            String hex = String.format("%02x", (int) c);
            out.put("escaped '" + c + "' at " + i, path.substring(0, i) + "%" + hex + path.substring(i + 1));
            out.put("escaped '" + c + "' at " + i + " upper", path.substring(0, i) + "%" + hex.toUpperCase(Locale.ROOT) + path.substring(i + 1));
        }
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            String before = path.substring(0, i);
            String after = path.substring(i + 1);
            out.put("%2f at " + i, before + "%2f" + after);
            out.put("%2F at " + i, before + "%2F" + after);
            out.put("backslash at " + i, before + "\\" + after);
            out.put("%5c at " + i, before + "%5c" + after);
            out.put("// at " + i, before + "//" + after);
            out.put("/./ at " + i, before + "/./" + after);
            out.put("/%2e/ at " + i, before + "/%2e/" + after);
            out.put(";param at " + i, before + ";x=1/" + after);
            out.put("%3b at " + i, before + "%3b/" + after);
        }
        out.put("leading //", "/" + path);
        out.put("trailing %00", path + "%00");
        out.put("trailing ;", path + ";");
        out.put("double-escaped", path.replace("/baas.io/", "/%2562aas.io/"));
        return out;
    }

    /** The route, reached from workspace B's path by climbing back with dot segments in every spelling. */
    static Map<String, String> pivots(String template) {
        Map<String, String> out = new LinkedHashMap<>();
        String workspaces = PREFIX + "/workspaces/{workspace}";
        if (!template.startsWith(workspaces)) {
            return out;
        }
        String rest = concrete(template.substring(workspaces.length()), WS_A);
        for (String dots : List.of("..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%2E.")) {
            out.put("pivot " + dots, PREFIX + "/workspaces/" + WS_B + "/" + dots + "/" + WS_A + rest);
            out.put("deep pivot " + dots, PREFIX + "/workspaces/" + WS_B + "/organizations/" + dots + "/" + dots + "/"
                    + WS_A + rest);
        }
        return out;
    }

    private static String target(String workspace, String suffix) {
        return PREFIX + "/workspaces/" + workspace + "/organizations/" + ORG_A + suffix;
    }

    static String concrete(String template, String workspace) {
        return template.replace("{workspace}", workspace).replace("{organization}", ORG_A).replace("{identity}", IDENTITY)
                .replaceAll("\\{[^}]+}", "sample");
    }

    private static String body(RoutePermission route) {
        return route.method().equals("POST") ? "{}" : null;
    }

    private static String clip(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
