package io.baas.iam.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.dev.EmbeddedSeed;
import io.baas.iam.Caller;
import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.iam.kubesphere.StoreRbacSnapshot;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.k8s.KubeSphereKind;
import io.baas.support.InMemoryIamStore;
import io.baas.support.KubeSphereFixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KubeSphere 4 RBAC semantics over the built-in role fixtures, with hand-written expectations. */
class RbacEvaluatorTest {

    private final KubeSphereBuiltins builtins = new KubeSphereBuiltins(RoleTemplateCatalog.roleTemplates());
    private InMemoryIamStore store;

    @BeforeEach
    void platform() {
        store = new InMemoryIamStore().addAll(builtins.platformObjects())
                .addAll(builtins.workspaceRoles("ws-a"))
                .addAll(builtins.workspaceRoles("ws-b"))
                .namespace("proj-a", Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a", "kubesphere.io/managed", "true"))
                .namespace("loose", Map.of())
                .addAll(builtins.projectRoles("proj-a", Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a", "kubesphere.io/managed", "true")));
    }

    private boolean allowed(String user, String method, String path) {
        return allowed(new Caller(user, Set.of("system:authenticated")), method, path);
    }

    private boolean allowed(Caller caller, String method, String path) {
        return RbacEvaluator.authorize(new StoreRbacSnapshot(store), caller,
                RequestAttributesResolver.resolve(method, path, Map.of())).allowed();
    }

    @Test
    void platformAdminMayDoAnythingAnywhere() {
        assertThat(allowed("admin", "GET", "/kapis/baas.io/v1/consortia")).isTrue();
        assertThat(allowed("admin", "DELETE", "/kapis/baas.io/v1/workspaces/ws-b/consortia/c")).isTrue();
        assertThat(allowed("admin", "POST", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch/evidences")).isTrue();
    }

    @Test
    void workspaceRegularSeesItsOwnWorkspaceOnly() {
        bind(KubeSphereKind.WORKSPACE_ROLE_BINDING, "bob-ws-a-regular", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a"),
                "WorkspaceRole", "ws-a-regular", "User", "bob");
        assertThat(allowed("bob", "GET", "/kapis/baas.io/v1/workspaces/ws-a/consortia")).isTrue();
        assertThat(allowed("bob", "GET", "/kapis/baas.io/v1/workspaces/ws-b/consortia")).isFalse();
        assertThat(allowed("bob", "GET", "/kapis/baas.io/v1/consortia")).isFalse();
        assertThat(allowed("bob", "POST", "/kapis/baas.io/v1/workspaces/ws-a/consortia")).isFalse();
    }

    @Test
    void workspaceBindingsReachTheWorkspacesNamespacesThroughTheLabel() {
        bind(KubeSphereKind.WORKSPACE_ROLE_BINDING, "carol-ws-a-viewer", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a"),
                "WorkspaceRole", "ws-a-viewer", "User", "carol");
        assertThat(allowed("carol", "GET", "/kapis/baas.io/v1/namespaces/proj-a/peers")).isTrue();
        assertThat(allowed("carol", "GET", "/kapis/baas.io/v1/namespaces/loose/peers")).isFalse();
        assertThat(allowed("carol", "POST", "/kapis/baas.io/v1/namespaces/proj-a/peers")).isFalse();
    }

    @Test
    void aWorkspaceBindingWithoutTheWorkspaceLabelCountsForNothing() {
        bind(KubeSphereKind.WORKSPACE_ROLE_BINDING, "dave-ws-a-admin", null, Map.of(),
                "WorkspaceRole", "ws-a-admin", "User", "dave");
        assertThat(allowed("dave", "GET", "/kapis/baas.io/v1/workspaces/ws-a/consortia")).isFalse();
    }

    @Test
    void projectRolesStayInTheirNamespace() {
        bind(KubeSphereKind.ROLE_BINDING, "erin-admin", "proj-a", Map.of(), "Role", "admin", "User", "erin");
        assertThat(allowed("erin", "POST", "/kapis/baas.io/v1/namespaces/proj-a/peers")).isTrue();
        assertThat(allowed("erin", "GET", "/kapis/baas.io/v1/workspaces/ws-a/consortia")).isFalse();
        bind(KubeSphereKind.ROLE_BINDING, "frank-viewer", "proj-a", Map.of(), "Role", "viewer", "User", "frank");
        assertThat(allowed("frank", "GET", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch/blocks")).isTrue();
        assertThat(allowed("frank", "POST", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch/evidences")).isFalse();
    }

    @Test
    void groupSubjectsGrantToTheirMembers() {
        bind(KubeSphereKind.WORKSPACE_ROLE_BINDING, "auditors-ws-b-viewer", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-b"),
                "WorkspaceRole", "ws-b-viewer", "Group", "auditors");
        assertThat(allowed(new Caller("gina", Set.of("system:authenticated", "auditors")), "GET",
                "/kapis/baas.io/v1/workspaces/ws-b/consortia")).isTrue();
        assertThat(allowed(new Caller("hank", Set.of("system:authenticated")), "GET",
                "/kapis/baas.io/v1/workspaces/ws-b/consortia")).isFalse();
    }

    @Test
    void aServiceAccountSubjectOfARoleBindingMeansTheBindingsNamespaceUnlessItNamesOne() {
        Caller bot = new Caller("kubesphere:serviceaccount:proj-a:bot", Set.of());
        store.add(KubeSphereKind.ROLE_BINDING, KubeSphereFixtures.bindingObject(KubeSphereKind.ROLE_BINDING, "bot-viewer", "proj-a",
                Map.of(), "Role", "viewer", Map.of("apiGroup", "kubesphere.io", "kind", "ServiceAccount", "name", "bot")));
        assertThat(allowed(bot, "GET", "/kapis/baas.io/v1/namespaces/proj-a/peers")).isTrue();
        assertThat(allowed(bot, "POST", "/kapis/baas.io/v1/namespaces/proj-a/peers")).isFalse();
        // The same name in another namespace is another account.
        assertThat(allowed(new Caller("kubesphere:serviceaccount:loose:bot", Set.of()), "GET",
                "/kapis/baas.io/v1/namespaces/proj-a/peers")).isFalse();

        store.add(KubeSphereKind.ROLE_BINDING, KubeSphereFixtures.bindingObject(KubeSphereKind.ROLE_BINDING, "guest-admin", "proj-a",
                Map.of(), "Role", "admin",
                Map.of("apiGroup", "kubesphere.io", "kind", "ServiceAccount", "name", "guest", "namespace", "loose")));
        assertThat(allowed(new Caller("kubesphere:serviceaccount:loose:guest", Set.of()), "POST",
                "/kapis/baas.io/v1/namespaces/proj-a/peers")).isTrue();
        assertThat(allowed(new Caller("kubesphere:serviceaccount:proj-a:guest", Set.of()), "POST",
                "/kapis/baas.io/v1/namespaces/proj-a/peers")).isFalse();
    }

    @Test
    void aServiceAccountSubjectOutsideARoleBindingCountsOnlyWithItsNamespace() {
        Caller bot = new Caller("kubesphere:serviceaccount:proj-a:bot", Set.of());
        String consortia = "/kapis/baas.io/v1/workspaces/ws-a/consortia";
        store.add(KubeSphereKind.WORKSPACE_ROLE_BINDING, KubeSphereFixtures.bindingObject(KubeSphereKind.WORKSPACE_ROLE_BINDING,
                "bot-no-namespace", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a"), "WorkspaceRole", "ws-a-viewer",
                Map.of("apiGroup", "kubesphere.io", "kind", "ServiceAccount", "name", "bot")));
        assertThat(allowed(bot, "GET", consortia)).isFalse();
        store.add(KubeSphereKind.WORKSPACE_ROLE_BINDING, KubeSphereFixtures.bindingObject(KubeSphereKind.WORKSPACE_ROLE_BINDING,
                "bot-proj-a", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a"), "WorkspaceRole", "ws-a-viewer",
                Map.of("apiGroup", "kubesphere.io", "kind", "ServiceAccount", "name", "bot", "namespace", "proj-a")));
        assertThat(allowed(bot, "GET", consortia)).isTrue();
    }

    @Test
    void theSubjectsApiGroupSaysWhichKindOfServiceAccountItMeans() {
        String consortia = "/kapis/baas.io/v1/workspaces/ws-b/consortia";
        Map<String, String> subject = Map.of("kind", "ServiceAccount", "name", "bot", "namespace", "proj-a");
        store.add(KubeSphereKind.WORKSPACE_ROLE_BINDING, KubeSphereFixtures.bindingObject(KubeSphereKind.WORKSPACE_ROLE_BINDING,
                "bot-no-group", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-b"), "WorkspaceRole", "ws-b-viewer", subject));
        // Without a group the subject names no one, not even the account its name spells.
        assertThat(allowed(new Caller("kubesphere:serviceaccount:proj-a:bot", Set.of()), "GET", consortia)).isFalse();
        assertThat(allowed(new Caller("system:serviceaccount:proj-a:bot", Set.of()), "GET", consortia)).isFalse();

        Map<String, String> kubernetes = new java.util.HashMap<>(subject);
        kubernetes.put("apiGroup", "rbac.authorization.k8s.io");
        store.add(KubeSphereKind.WORKSPACE_ROLE_BINDING, KubeSphereFixtures.bindingObject(KubeSphereKind.WORKSPACE_ROLE_BINDING,
                "bot-kubernetes", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-b"), "WorkspaceRole", "ws-b-viewer", kubernetes));
        assertThat(allowed(new Caller("system:serviceaccount:proj-a:bot", Set.of()), "GET", consortia)).isTrue();
        assertThat(allowed(new Caller("kubesphere:serviceaccount:proj-a:bot", Set.of()), "GET", consortia)).isFalse();
    }

    @Test
    void aUserSubjectSpellingAServiceAccountsNameAppliesToIt() {
        // KubeSphere compares a User subject with the caller's name, whatever the caller is.
        bind(KubeSphereKind.WORKSPACE_ROLE_BINDING, "bot-as-user", null, Map.of(KubeSphereKind.WORKSPACE_LABEL, "ws-a"),
                "WorkspaceRole", "ws-a-viewer", "User", "kubesphere:serviceaccount:proj-a:bot");
        assertThat(allowed(new Caller("kubesphere:serviceaccount:proj-a:bot", Set.of()), "GET",
                "/kapis/baas.io/v1/workspaces/ws-a/consortia")).isTrue();
    }

    @Test
    void clusterRoleBindingsApplyBelowGlobalScope() {
        bind(KubeSphereKind.CLUSTER_ROLE_BINDING, "ivan-cluster-viewer", null, Map.of(), "ClusterRole", "cluster-viewer", "User", "ivan");
        assertThat(allowed("ivan", "GET", "/kapis/baas.io/v1/consortia")).isTrue();
        assertThat(allowed("ivan", "GET", "/kapis/baas.io/v1/workspaces/ws-a/consortia")).isTrue();
        // Global-scope requests never consult cluster role bindings.
        assertThat(allowed("ivan", "GET", "/kapis/iam.kubesphere.io/v1beta1/globalroles")).isFalse();
    }

    @Test
    void resourceNamesAndSubresourcesAreMatchedExactly() {
        store.add(KubeSphereKind.GLOBAL_ROLE, role(KubeSphereKind.GLOBAL_ROLE, "one-channel", List.of(
                Map.of("apiGroups", List.of("baas.io"), "resources", List.of("channels"), "resourceNames", List.of("ch1"),
                        "verbs", List.of("get")),
                Map.of("apiGroups", List.of("baas.io"), "resources", List.of("*/blocks"), "verbs", List.of("list")))));
        bind(KubeSphereKind.GLOBAL_ROLE_BINDING, "judy-one-channel", null, Map.of(), "GlobalRole", "one-channel", "User", "judy");
        assertThat(allowed("judy", "GET", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch1")).isTrue();
        assertThat(allowed("judy", "GET", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch2")).isFalse();
        assertThat(allowed("judy", "GET", "/kapis/baas.io/v1/namespaces/proj-a/channels")).isFalse();
        assertThat(allowed("judy", "GET", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch1/evidences")).isFalse();
        assertThat(allowed("judy", "GET", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch9/blocks")).isFalse();
        assertThat(RequestAttributesResolver.resolve("GET", "/kapis/baas.io/v1/namespaces/proj-a/channels/ch9/blocks", Map.of()).verb())
                .isEqualTo("get");
    }

    @Test
    void aBindingToAMissingRoleGrantsNothing() {
        bind(KubeSphereKind.GLOBAL_ROLE_BINDING, "ken-ghost", null, Map.of(), "GlobalRole", "ghost", "User", "ken");
        assertThat(allowed("ken", "GET", "/kapis/baas.io/v1/consortia")).isFalse();
    }

    @Test
    void kubesphere3ProjectRolesHaveTheSameShape() {
        // 3.x keeps project roles as rbac.authorization.k8s.io/v1 Role + RoleBinding; only the apiVersion differs.
        GenericKubernetesResource role = role(KubeSphereKind.ROLE, "operator", List.of(
                Map.of("apiGroups", List.of("baas.io"), "resources", List.of("peers"), "verbs", List.of("get", "list", "create"))));
        role.setApiVersion("rbac.authorization.k8s.io/v1");
        role.getMetadata().setNamespace("loose");
        store.add(KubeSphereKind.ROLE, role);
        bind(KubeSphereKind.ROLE_BINDING, "liz-operator", "loose", Map.of(), "Role", "operator", "User", "liz");
        assertThat(allowed("liz", "POST", "/kapis/baas.io/v1/namespaces/loose/peers")).isTrue();
        assertThat(allowed("liz", "DELETE", "/kapis/baas.io/v1/namespaces/loose/peers/p0")).isFalse();
    }

    @Test
    void denialNamesTheUserVerbResourceAndScope() {
        Decision decision = RbacEvaluator.authorize(new StoreRbacSnapshot(store), new Caller("mallory", Set.of()),
                RequestAttributesResolver.resolve("GET", "/kapis/baas.io/v1/workspaces/ws-a/consortia", Map.of()));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("User \"mallory\" cannot list consortia in workspace ws-a");
    }

    private static GenericKubernetesResource role(KubeSphereKind kind, String name, List<Map<String, Object>> rules) {
        GenericKubernetesResource role = EmbeddedSeed.generic(kind, name);
        role.setAdditionalProperty("rules", rules);
        return role;
    }

    private void bind(KubeSphereKind kind, String name, String namespace, Map<String, String> labels,
                      String roleKind, String roleName, String subjectKind, String subject) {
        store.add(kind, KubeSphereFixtures.bindingObject(kind, name, namespace, labels, roleKind, roleName, subjectKind, subject));
    }
}
