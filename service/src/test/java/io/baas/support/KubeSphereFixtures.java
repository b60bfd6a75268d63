package io.baas.support;

import io.baas.dev.EmbeddedSeed;
import io.baas.iam.kubesphere.KubeSphereBuiltins;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.iam.permission.RoleTemplateCatalog;
import io.baas.k8s.KubeSphereKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Creates KubeSphere users, workspaces, projects and bindings in the embedded API the way
 * KubeSphere's console and controllers would, and waits until the service's caches have seen them.
 */
public final class KubeSphereFixtures {

    private final KubernetesClient client;
    private final KubeSphereIam iam;
    private final KubeSphereBuiltins builtins = new KubeSphereBuiltins(RoleTemplateCatalog.roleTemplates());

    public KubeSphereFixtures(KubernetesClient client, KubeSphereIam iam) {
        this.client = client;
        this.iam = iam;
        await(iam::synced);
    }

    public void user(String name) {
        createOrReplace(EmbeddedSeed.user(name, name + "@example.com"));
        await(() -> iam.userState(name).isPresent());
    }

    public void disabledUser(String name) {
        GenericKubernetesResource user = EmbeddedSeed.user(name, name + "@example.com");
        user.setAdditionalProperty("status", Map.of("state", "Disabled"));
        createOrReplace(user);
        await(() -> iam.userState(name).filter(s -> s == io.baas.iam.UserDirectory.UserState.DISABLED).isPresent());
    }

    /** A workspace and the roles KubeSphere's controller gives it ({@code <ws>-admin}, ...). */
    public void workspace(String name) {
        createOrReplace(EmbeddedSeed.workspace(name));
        builtins.workspaceRoles(name).forEach(this::createOrReplace);
        await(() -> iam.workspaceExists(name)
                && iam.get(KubeSphereKind.WORKSPACE_ROLE, null, KubeSphereBuiltins.workspaceRoleName(name, "viewer")).isPresent());
    }

    /** A KubeSphere project: a managed namespace of a workspace, with its admin/operator/viewer roles. */
    public void project(String namespace, String workspace) {
        Map<String, String> labels = Map.of(KubeSphereKind.WORKSPACE_LABEL, workspace, "kubesphere.io/managed", "true");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(labels)
                .endMetadata().build()).createOr(existing -> existing.update());
        builtins.projectRoles(namespace, labels).forEach(this::createOrReplace);
        await(() -> iam.namespace(namespace).isPresent()
                && iam.get(KubeSphereKind.ROLE, namespace, "viewer").isPresent());
    }

    public void globalRoleBinding(String user, String role) {
        binding(KubeSphereKind.GLOBAL_ROLE_BINDING, user + "-" + role, null, Map.of(), "GlobalRole", role, "User", user);
    }

    /** A workspace and its admin, user {@code <workspace>-admin}. */
    public void workspaceWithAdmin(String workspace) {
        workspace(workspace);
        user(workspace + "-admin");
        workspaceRoleBinding(workspace + "-admin", workspace, "admin");
    }

    /** {@code role} is the short name (admin, regular, viewer, self-provisioner). */
    public void workspaceRoleBinding(String user, String workspace, String role) {
        String roleName = KubeSphereBuiltins.workspaceRoleName(workspace, role);
        binding(KubeSphereKind.WORKSPACE_ROLE_BINDING, user + "-" + roleName, null,
                Map.of(KubeSphereKind.WORKSPACE_LABEL, workspace), "WorkspaceRole", roleName, "User", user);
    }

    public void groupWorkspaceRoleBinding(String group, String workspace, String role) {
        String roleName = KubeSphereBuiltins.workspaceRoleName(workspace, role);
        binding(KubeSphereKind.WORKSPACE_ROLE_BINDING, group + "-" + roleName, null,
                Map.of(KubeSphereKind.WORKSPACE_LABEL, workspace), "WorkspaceRole", roleName, "Group", group);
    }

    public void projectRoleBinding(String user, String namespace, String role) {
        binding(KubeSphereKind.ROLE_BINDING, user + "-" + role, namespace, Map.of(), "Role", role, "User", user);
    }

    /** A KubeSphere group membership (GroupBinding), as the console's group page creates it. */
    public void groupMember(String group, String user, String workspace) {
        GenericKubernetesResource binding = EmbeddedSeed.generic(KubeSphereKind.GROUP_BINDING, group + "-" + user);
        binding.getMetadata().setLabels(Map.of("iam.kubesphere.io/user-ref", user, "iam.kubesphere.io/group-ref", group,
                KubeSphereKind.WORKSPACE_LABEL, workspace));
        binding.setAdditionalProperty("groupRef", Map.of("apiGroup", "iam.kubesphere.io", "kind", "groups", "name", group));
        binding.setAdditionalProperty("users", List.of(user));
        createOrReplace(binding);
        await(() -> iam.groupsOf(user).contains(group));
    }

    public KubernetesClient client() {
        return client;
    }

    private void binding(KubeSphereKind kind, String name, String namespace, Map<String, String> labels,
                         String roleKind, String roleName, String subjectKind, String subjectName) {
        createOrReplace(bindingObject(kind, name, namespace, labels, roleKind, roleName, subjectKind, subjectName));
        await(() -> iam.get(kind, namespace, name).isPresent());
    }

    /** A role binding of any KubeSphere kind, with one subject, as KubeSphere's API writes them. */
    public static GenericKubernetesResource bindingObject(KubeSphereKind kind, String name, String namespace, Map<String, String> labels,
                                                          String roleKind, String roleName, String subjectKind, String subjectName) {
        return bindingObject(kind, name, namespace, labels, roleKind, roleName,
                Map.of("apiGroup", "iam.kubesphere.io", "kind", subjectKind, "name", subjectName));
    }

    /** A role binding with the one subject given field by field (apiGroup, kind, name, namespace). */
    public static GenericKubernetesResource bindingObject(KubeSphereKind kind, String name, String namespace, Map<String, String> labels,
                                                          String roleKind, String roleName, Map<String, String> subject) {
        GenericKubernetesResource binding = EmbeddedSeed.generic(kind, name);
        binding.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build());
        binding.setAdditionalProperty("roleRef", Map.of("apiGroup", "iam.kubesphere.io", "kind", roleKind, "name", roleName));
        binding.setAdditionalProperty("subjects", List.of(subject));
        return binding;
    }

    /** A KubeSphere ServiceAccount (kubesphere.io/v1alpha1), as the console's project page creates one. */
    public void serviceAccount(String namespace, String name) {
        GenericKubernetesResource account = EmbeddedSeed.generic(KubeSphereKind.SERVICE_ACCOUNT, name);
        account.getMetadata().setNamespace(namespace);
        createOrReplace(account);
        await(() -> iam.get(KubeSphereKind.SERVICE_ACCOUNT, namespace, name).isPresent());
    }

    /** Deletes the ServiceAccount and waits until the service's cache has seen it go. */
    public void deleteServiceAccount(String namespace, String name) {
        client.genericKubernetesResources(KubeSphereKind.SERVICE_ACCOUNT.context(iam.version()))
                .inNamespace(namespace).withName(name).delete();
        await(() -> iam.get(KubeSphereKind.SERVICE_ACCOUNT, namespace, name).isEmpty());
    }

    /**
     * A workspace role for a service account, named as KubeSphere's authorizer matches it: kind
     * ServiceAccount of group kubesphere.io, with its namespace (a workspace binding has none of its own).
     */
    public void serviceAccountWorkspaceRoleBinding(String namespace, String account, String workspace, String role) {
        String roleName = KubeSphereBuiltins.workspaceRoleName(workspace, role);
        String name = namespace + "-" + account + "-" + roleName;
        createOrReplace(bindingObject(KubeSphereKind.WORKSPACE_ROLE_BINDING, name, null, Map.of(KubeSphereKind.WORKSPACE_LABEL, workspace),
                "WorkspaceRole", roleName,
                Map.of("apiGroup", "kubesphere.io", "kind", "ServiceAccount", "name", account, "namespace", namespace)));
        await(() -> iam.get(KubeSphereKind.WORKSPACE_ROLE_BINDING, null, name).isPresent());
    }

    private void createOrReplace(GenericKubernetesResource resource) {
        EmbeddedSeed.inVersion(resource, iam.version()).ifPresent(r -> client.resource(r).createOr(existing -> existing.update()));
    }

    public static void await(BooleanSupplier condition) {
        await(condition, Duration.ofSeconds(10));
    }

    /** Polls the condition; the bound only turns a hang into a failure, it is not a timing expectation. */
    public static void await(BooleanSupplier condition, Duration bound) {
        await(condition, bound, () -> "");
    }

    /** As {@link #await(BooleanSupplier, Duration)}; a failure tells what {@code state} says then, e.g. the status awaited. */
    public static void await(BooleanSupplier condition, Duration bound, java.util.function.Supplier<String> state) {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not met within " + bound + " " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
