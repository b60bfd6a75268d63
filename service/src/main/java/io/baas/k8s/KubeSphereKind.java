package io.baas.k8s;

import io.baas.config.KubeSphereVersion;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The KubeSphere kinds the service reads. Where each lives depends on the {@link KubeSphereVersion}:
 * KubeSphere 4 keeps every role and binding in iam.kubesphere.io/v1beta1 (and its ServiceAccounts
 * in kubesphere.io/v1alpha1); 3.x has
 * iam.kubesphere.io/v1alpha2 global and workspace roles and plain rbac.authorization.k8s.io/v1
 * cluster and project roles.
 */
public enum KubeSphereKind {
    USER("User", "users", false, "iam.kubesphere.io/v1alpha2"),
    GLOBAL_ROLE("GlobalRole", "globalroles", false, "iam.kubesphere.io/v1alpha2"),
    GLOBAL_ROLE_BINDING("GlobalRoleBinding", "globalrolebindings", false, "iam.kubesphere.io/v1alpha2"),
    WORKSPACE_ROLE("WorkspaceRole", "workspaceroles", false, "iam.kubesphere.io/v1alpha2"),
    WORKSPACE_ROLE_BINDING("WorkspaceRoleBinding", "workspacerolebindings", false, "iam.kubesphere.io/v1alpha2"),
    CLUSTER_ROLE("ClusterRole", "clusterroles", false, "rbac.authorization.k8s.io/v1"),
    CLUSTER_ROLE_BINDING("ClusterRoleBinding", "clusterrolebindings", false, "rbac.authorization.k8s.io/v1"),
    ROLE("Role", "roles", true, "rbac.authorization.k8s.io/v1"),
    ROLE_BINDING("RoleBinding", "rolebindings", true, "rbac.authorization.k8s.io/v1"),
    GROUP_BINDING("GroupBinding", "groupbindings", false, "iam.kubesphere.io/v1alpha2"),
    WORKSPACE_TEMPLATE("WorkspaceTemplate", "workspacetemplates", false, "tenant.kubesphere.io/v1alpha2"),
    /** KubeSphere 4 only: the accounts whose static tokens programs call with (kubesphere.io/v1alpha1). */
    SERVICE_ACCOUNT("ServiceAccount", "serviceaccounts", true, null),
    /** KubeSphere 4 only: the building blocks of aggregated roles. */
    ROLE_TEMPLATE("RoleTemplate", "roletemplates", false, null),
    /** KubeSphere 4 only: the roles the controllers copy into every workspace and project. */
    BUILTIN_ROLE("BuiltinRole", "builtinroles", false, null);

    public static final String WORKSPACE_LABEL = "kubesphere.io/workspace";
    private static final String V4_IAM = "iam.kubesphere.io/v1beta1";
    private static final String V4_TENANT = "tenant.kubesphere.io/v1beta1";
    private static final String V4_CORE = "kubesphere.io/v1alpha1";

    private final String kind;
    private final String plural;
    private final boolean namespaced;
    private final String v3ApiVersion;

    KubeSphereKind(String kind, String plural, boolean namespaced, String v3ApiVersion) {
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
        this.v3ApiVersion = v3ApiVersion;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public boolean existsIn(KubeSphereVersion version) {
        return version == KubeSphereVersion.V4 || v3ApiVersion != null;
    }

    public String apiVersion(KubeSphereVersion version) {
        if (version == KubeSphereVersion.V3) {
            if (v3ApiVersion == null) {
                throw new IllegalArgumentException(kind + " does not exist in KubeSphere 3.x");
            }
            return v3ApiVersion;
        }
        return switch (this) {
            case WORKSPACE_TEMPLATE -> V4_TENANT;
            case SERVICE_ACCOUNT -> V4_CORE;
            default -> V4_IAM;
        };
    }

    public String group(KubeSphereVersion version) {
        String apiVersion = apiVersion(version);
        return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    /** Kubernetes' own RBAC kinds exist in every cluster; only KubeSphere's need CRDs. */
    public boolean needsCrd(KubeSphereVersion version) {
        return existsIn(version) && !group(version).equals("rbac.authorization.k8s.io");
    }

    public ResourceDefinitionContext context(KubeSphereVersion version) {
        String apiVersion = apiVersion(version);
        return new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.substring(0, apiVersion.indexOf('/')))
                .withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1))
                .withKind(kind).withPlural(plural).withNamespaced(namespaced)
                .build();
    }
}
