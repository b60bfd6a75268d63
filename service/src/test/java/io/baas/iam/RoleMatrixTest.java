package io.baas.iam;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.iam.kubesphere.StoreRbacSnapshot;
import io.baas.iam.permission.PermissionTable;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.iam.permission.RoutePermission;
import io.baas.iam.rbac.RbacEvaluator;
import io.baas.iam.rbac.RequestAttributesResolver;
import io.baas.k8s.KubeSphereKind;
import io.baas.support.InMemoryIamStore;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KubeSphere's built-in roles (with the BaaS RoleTemplates aggregated, as a real platform has them)
 * against every route of the permission table: what each role may do is computed from the role
 * fixtures, pinned by a hand-written expectation for a sample, and then demanded of the running
 * service over HTTP.
 */
@QuarkusTest
class RoleMatrixTest {

    static final String WORKSPACE = "ws-matrix";
    static final String PROJECT = "proj-matrix";
    static final Map<String, String> PROJECT_LABELS = Map.of(KubeSphereKind.WORKSPACE_LABEL, WORKSPACE, "kubesphere.io/managed", "true");

    /** User name → the built-in role it holds. */
    static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("m-platform-admin", "global platform-admin");
        ROLES.put("m-platform-regular", "global platform-regular");
        ROLES.put("m-platform-self-provisioner", "global platform-self-provisioner");
        ROLES.put("m-ws-admin", "workspace admin");
        ROLES.put("m-ws-regular", "workspace regular");
        ROLES.put("m-ws-viewer", "workspace viewer");
        ROLES.put("m-ws-self-provisioner", "workspace self-provisioner");
        ROLES.put("m-project-admin", "project admin");
        ROLES.put("m-project-operator", "project operator");
        ROLES.put("m-project-viewer", "project viewer");
    }

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @BeforeEach
    void platform() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace(WORKSPACE);
        fixtures.project(PROJECT, WORKSPACE);
        ROLES.forEach((user, role) -> {
            fixtures.user(user);
            String[] scopeAndRole = role.split(" ");
            switch (scopeAndRole[0]) {
                case "global" -> fixtures.globalRoleBinding(user, scopeAndRole[1]);
                case "workspace" -> fixtures.workspaceRoleBinding(user, WORKSPACE, scopeAndRole[1]);
                default -> fixtures.projectRoleBinding(user, PROJECT, scopeAndRole[1]);
            }
        });
    }

    /** Whoever sees a consortium namespace's project: its workspace's members and its own, and platform admins. */
    private static final Set<String> PROJECT_READERS = Set.of("m-platform-admin", "m-ws-admin", "m-ws-viewer", "m-project-admin", "m-project-operator", "m-project-viewer");
    /** Who may write in such a project: its admins and operators, its workspace's admins, and platform admins. */
    private static final Set<String> PROJECT_WRITERS = Set.of("m-platform-admin", "m-ws-admin", "m-project-admin", "m-project-operator");

    @Test
    void theComputedMatrixMatchesTheHandWrittenSample() {
        Map<String, Set<String>> allowed = new java.util.HashMap<>(Map.of(
                "GET /kapis/baas.io/v1/consortia", Set.of("m-platform-admin"),
                "GET /kapis/baas.io/v1/workspaces/{workspace}/consortia",
                Set.of("m-platform-admin", "m-ws-admin", "m-ws-regular", "m-ws-viewer", "m-ws-self-provisioner"),
                "GET /kapis/baas.io/v1/workspaces/{workspace}/organizations/{organization}/identities",
                Set.of("m-platform-admin", "m-ws-admin", "m-ws-regular", "m-ws-viewer", "m-ws-self-provisioner"),
                "POST /kapis/baas.io/v1/workspaces/{workspace}/organizations/{organization}/identities",
                Set.of("m-platform-admin", "m-ws-admin"),
                // Keys leave only to admins: viewers' get-everything does not reach an export.
                "POST /kapis/baas.io/v1/workspaces/{workspace}/organizations/{organization}/identityexports/{identity}",
                Set.of("m-platform-admin", "m-ws-admin"),
                // Deciding on an invitation is granted apart from inviting; viewers read invitations but decide nothing.
                "GET /kapis/baas.io/v1/workspaces/{workspace}/invitations",
                Set.of("m-platform-admin", "m-ws-admin", "m-ws-regular", "m-ws-viewer", "m-ws-self-provisioner"),
                "POST /kapis/baas.io/v1/workspaces/{workspace}/invitations/{invitation}/decisions",
                Set.of("m-platform-admin", "m-ws-admin"),
                // Signing a channel proposal with the organization's held key is granted apart from proposing, and not to
                // operators: like exports, only to admins unless granted; viewers read proposals only.
                "GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/proposals",
                PROJECT_READERS,
                "POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/proposalsignatures",
                Set.of("m-platform-admin", "m-ws-admin", "m-project-admin")));
        // The workspace's members read its chaincode repository; uploading and reviewing (合约审计) are its admins', each
        // grantable on its own (a reviewer role holds chaincodepackages/reviews only).
        // Approving a chaincode for an organization has the platform sign with its held admin: like signing proposals,
        // admins only unless granted; deploying is the operators' too, and viewers read both.
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/chaincodeapprovals",
                PROJECT_READERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/chaincodeapprovals",
                Set.of("m-platform-admin", "m-ws-admin", "m-project-admin"));
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/chaincodes",
                PROJECT_WRITERS);
        allowed.put("GET /kapis/baas.io/v1/workspaces/{workspace}/chaincodepackages",
                Set.of("m-platform-admin", "m-ws-admin", "m-ws-regular", "m-ws-viewer", "m-ws-self-provisioner"));
        allowed.put("POST /kapis/baas.io/v1/workspaces/{workspace}/chaincodepackages/{chaincode}/versions",
                Set.of("m-platform-admin", "m-ws-admin"));
        allowed.put("POST /kapis/baas.io/v1/workspaces/{workspace}/chaincodepackages/{chaincode}/reviews",
                Set.of("m-platform-admin", "m-ws-admin"));
        // Notarizing signs with the caller's own identity: the operators' and admins'; verifying writes nothing, so whoever
        // sees the project may (a viewer verifies without being able to notarize).
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/evidences",
                PROJECT_WRITERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/evidenceverifications",
                PROJECT_READERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/assets/transfers",
                PROJECT_WRITERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/evidences/{evidence}/receipt",
                PROJECT_READERS);
        // The explorer reads the index only: whoever sees the project browses blocks and transactions; no one outside it.
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/blocks",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/transactions/{txId}",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/keys/{chaincode}/{key}/history",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/keys/{chaincode}/history",
                PROJECT_READERS);
        // Operating the explorer's index is the platform's: its admins list every ledger and re-index one.
        allowed.put("GET /kapis/baas.io/v1/explorerchannels", Set.of("m-platform-admin"));
        allowed.put("POST /kapis/baas.io/v1/explorerchannels/{ledger}/reindexes", Set.of("m-platform-admin"));
        // External channels hold a member identity of another network: registered and browsed by platform admins only.
        allowed.put("POST /kapis/baas.io/v1/externalchannels", Set.of("m-platform-admin"));
        allowed.put("GET /kapis/baas.io/v1/externalchannels/{name}/transactions/{txId}", Set.of("m-platform-admin"));
        allowed.put("GET /kapis/baas.io/v1/externalchannels/{name}/keys/{chaincode}/history", Set.of("m-platform-admin"));
        // Applications of the open API: read by whoever sees the project, managed by its operators and admins; its keys sign in
        // the organization's name, so like exports they are made, disabled and deleted by admins only.
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/applications",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/applications/{application}/usage",
                PROJECT_READERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/applications/{application}/webhooks/{webhook}/replays",
                PROJECT_WRITERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/applications",
                PROJECT_WRITERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/applications/{application}/keys",
                Set.of("m-platform-admin", "m-ws-admin", "m-project-admin"));
        allowed.put("PUT /kapis/baas.io/v1/namespaces/{namespace}/applications/{application}/keys/{accessKey}",
                Set.of("m-platform-admin", "m-ws-admin", "m-project-admin"));
        // A node's log is read like its events: by whoever sees the project, and by no one outside it.
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/peers/{peer}/logs",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/orderers/{orderer}/logs",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/peers/{peer}/metrics",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/peers/{peer}/health",
                PROJECT_READERS);
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/orderers/{orderer}/health",
                PROJECT_READERS);
        // A chaincode server's log, like a node's: the project's members read it; another workspace's and no one's do not.
        allowed.put("GET /kapis/baas.io/v1/namespaces/{namespace}/chaincodeservers/{server}/logs",
                PROJECT_READERS);
        // Calling a chaincode as oneself: submitting is for who may write in the project; evaluating writes nothing, viewers too.
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/chaincodesubmissions",
                PROJECT_WRITERS);
        allowed.put("POST /kapis/baas.io/v1/namespaces/{namespace}/channels/{channel}/chaincodeevaluations",
                PROJECT_READERS);
        allowed.forEach((route, users) -> {
            String[] methodAndPath = route.split(" ");
            for (String user : ROLES.keySet()) {
                assertThat(expectedAllowed(user, methodAndPath[0], concrete(methodAndPath[1])))
                        .as(user + " on " + route).isEqualTo(users.contains(user));
            }
        });
    }

    @Test
    void everyRoleGetsExactlyWhatItsRulesGrantOnEveryRoute() {
        List<String> mismatches = new ArrayList<>();
        for (RoutePermission route : PermissionTable.ROUTES) {
            String path = concrete(route.path());
            for (String user : ROLES.keySet()) {
                boolean expected = expectedAllowed(user, route.method(), path);
                int status = given().header("Authorization", TestTokens.bearer(user))
                        .when().request(route.method(), path).then().extract().statusCode();
                boolean granted = status != 403 && status != 401;
                // Allowed reads of collections must succeed; named objects need not exist ("sample").
                if (granted != expected || (expected && route.verb().equals("list") && status != 200)) {
                    mismatches.add(user + " " + route.method() + " " + path + ": expected " + (expected ? "allowed" : "403")
                            + ", got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** The role fixtures alone, evaluated offline: what KubeSphere would decide. */
    private static boolean expectedAllowed(String user, String method, String path) {
        KubeSphereBuiltins builtins = new KubeSphereBuiltins(RoleTemplateCatalog.roleTemplates());
        InMemoryIamStore store = new InMemoryIamStore()
                .addAll(builtins.platformObjects())
                .addAll(builtins.workspaceRoles(WORKSPACE))
                .addAll(builtins.projectRoles(PROJECT, PROJECT_LABELS))
                .namespace(PROJECT, PROJECT_LABELS);
        String[] scopeAndRole = ROLES.get(user).split(" ");
        String kind = switch (scopeAndRole[0]) {
            case "global" -> "GlobalRole";
            case "workspace" -> "WorkspaceRole";
            default -> "Role";
        };
        String roleName = kind.equals("WorkspaceRole") ? KubeSphereBuiltins.workspaceRoleName(WORKSPACE, scopeAndRole[1]) : scopeAndRole[1];
        KubeSphereKind bindingKind = switch (kind) {
            case "GlobalRole" -> KubeSphereKind.GLOBAL_ROLE_BINDING;
            case "WorkspaceRole" -> KubeSphereKind.WORKSPACE_ROLE_BINDING;
            default -> KubeSphereKind.ROLE_BINDING;
        };
        var binding = KubeSphereFixtures.bindingObject(bindingKind, user + "-binding",
                bindingKind == KubeSphereKind.ROLE_BINDING ? PROJECT : null,
                bindingKind == KubeSphereKind.WORKSPACE_ROLE_BINDING ? Map.of(KubeSphereKind.WORKSPACE_LABEL, WORKSPACE) : Map.of(),
                kind, roleName, "User", user);
        store.add(bindingKind, binding);
        return RbacEvaluator.authorize(new StoreRbacSnapshot(store), new Caller(user, Set.of("system:authenticated")),
                RequestAttributesResolver.resolve(method, path, Map.of())).allowed();
    }

    private static String concrete(String template) {
        return template.replace("{workspace}", WORKSPACE).replace("{namespace}", PROJECT).replaceAll("\\{[^}]+}", "sample");
    }
}
