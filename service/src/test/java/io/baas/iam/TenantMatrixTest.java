package io.baas.iam;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.iam.permission.PermissionTable;
import io.baas.iam.permission.RoutePermission;
import io.baas.iam.rbac.ResourceScope;
import io.baas.store.DatabaseMigrator;
import io.baas.support.ConsortiumFixtures;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenancy gate: every route of the permission table, in the caller's own workspace and in
 * another one, for a platform admin, a workspace admin, a workspace viewer, another workspace's
 * admin and a user in no workspace. The expectation is written by hand from the product's rules
 * (admins manage their workspace and its organizations' consortium namespaces, viewers read them, nobody else sees anything), not computed by
 * the evaluator under test. A leak is any answer other than 401/403 where the rules deny: 0 leaks.
 */
@QuarkusTest
class TenantMatrixTest {

    static final String WS_A = "tm-a";
    static final String WS_B = "tm-b";
    static final Map<String, String> ORGANIZATIONS = Map.of(WS_A, "tm-org-a", WS_B, "tm-org-b");
    static final String IDENTITY = "user1";
    static final String CONSORTIUM = "tm";
    static final Map<String, String> CONSORTIUM_NAMESPACES = Map.of(WS_A, "tm-tm-org-a", WS_B, "tm-tm-org-b");

    /** User → (workspace it belongs to, its role there); the platform admin and the outsider have none. */
    static final Map<String, String[]> USERS = Map.of(
            "tm-platform-admin", new String[] {"", "platform-admin"},
            "tm-admin-a", new String[] {WS_A, "admin"},
            "tm-viewer-a", new String[] {WS_A, "viewer"},
            "tm-admin-b", new String[] {WS_B, "admin"},
            "tm-nobody", new String[] {"", ""});

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
        USERS.forEach((user, membership) -> {
            fixtures.user(user);
            if (membership[1].equals("platform-admin")) {
                fixtures.globalRoleBinding(user, "platform-admin");
            } else if (!membership[0].isEmpty()) {
                fixtures.workspaceRoleBinding(user, membership[0], membership[1]);
            }
        });
        KubeSphereFixtures.await(migrator::migrated);
        ORGANIZATIONS.forEach((workspace, organization) -> {
            String admin = workspace.equals(WS_A) ? "tm-admin-a" : "tm-admin-b";
            String base = PermissionTable.PREFIX + "/workspaces/" + workspace + "/organizations";
            if (given().header("Authorization", TestTokens.bearer(admin)).get(base + "/" + organization).statusCode() == 404) {
                given().header("Authorization", TestTokens.bearer(admin)).contentType("application/json")
                        .body(Map.of("name", organization, "mspId", organization.replace("-", "") + "MSP"))
                        .post(base).then().statusCode(201);
                given().header("Authorization", TestTokens.bearer(admin)).contentType("application/json")
                        .body(Map.of("name", IDENTITY, "role", "client")).post(base + "/" + organization + "/identities")
                        .then().statusCode(201);
            }
        });
        // Each organization's namespace in a consortium of both: namespaced routes are tried in the namespace of the
        // workspace's own organization, where its roles reach, and in the other's, where they do not.
        CONSORTIUM_NAMESPACES.forEach((workspace, namespace) -> ConsortiumFixtures.joined(client, CONSORTIUM,
                ORGANIZATIONS.get(workspace), workspace));
    }

    @Test
    void everyRoleGetsItsOwnWorkspaceAndNothingOfAnother() {
        List<String> leaks = new ArrayList<>();
        List<String> refusedWrongly = new ArrayList<>();
        int cases = 0;
        for (RoutePermission route : PermissionTable.ROUTES) {
            for (String workspace : List.of(WS_A, WS_B)) {
                String path = concrete(route, workspace);
                for (String user : USERS.keySet()) {
                    boolean expected = allowed(user, route, workspace);
                    Response response = call(user, route, path);
                    int status = response.statusCode();
                    boolean refused = status == 401 || status == 403;
                    cases++;
                    if (!expected && !refused) {
                        leaks.add(user + " " + route.method() + " " + path + " -> " + status);
                    }
                    if (!expected && response.asString().contains("PRIVATE KEY")) {
                        leaks.add(user + " " + route.method() + " " + path + " returned a key");
                    }
                    if (expected && refused) {
                        refusedWrongly.add(user + " " + route.method() + " " + path + " -> " + status);
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(PermissionTable.ROUTES.size() * 2 * USERS.size());
        assertThat(leaks).as("leaks").isEmpty();
        assertThat(refusedWrongly).as("allowed callers refused").isEmpty();
    }

    /** The product's rules, by hand. */
    static boolean allowed(String user, RoutePermission route, String workspace) {
        String[] membership = USERS.get(user);
        if (membership[1].equals("platform-admin")) {
            return true;
        }
        // A namespace of a consortium is its organization's, in that organization's workspace: the same roles apply.
        boolean inScope = route.scope() == ResourceScope.WORKSPACE || route.scope() == ResourceScope.NAMESPACE;
        if (!inScope || !membership[0].equals(workspace)) {
            return false;
        }
        return switch (membership[1]) {
            case "admin" -> true;
            // Viewers read, and verify evidences (a create that writes nothing) in the workspace's projects.
            case "viewer" -> route.access() == RoutePermission.Access.VIEW
                    || route.access() == RoutePermission.Access.VERIFY && route.scope() == ResourceScope.NAMESPACE;
            default -> false;
        };
    }

    private static Response call(String user, RoutePermission route, String path) {
        var request = given().header("Authorization", TestTokens.bearer(user));
        if (route.method().equals("POST")) {
            // Revocations name an identity that does not exist: an allowed caller gets 404, nothing is revoked.
            request = request.contentType("application/json").body(path.endsWith("/revocations")
                    ? Map.of("identity", "nobody-here", "reason", "SUPERSEDED")
                    : Map.of());
        }
        return request.when().request(route.method(), path);
    }

    /** Real objects where reading them would show a leak; a missing one where acting on it would change the fixture. */
    private static String concrete(RoutePermission route, String workspace) {
        String organization = route.method().equals("DELETE") ? "tm-missing" : ORGANIZATIONS.get(workspace);
        return route.path().replace("{workspace}", workspace).replace("{organization}", organization)
                .replace("{namespace}", CONSORTIUM_NAMESPACES.get(workspace))
                .replace("{identity}", IDENTITY).replaceAll("\\{[^}]+}", "sample");
    }
}
