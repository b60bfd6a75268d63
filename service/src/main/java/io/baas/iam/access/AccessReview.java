package io.baas.iam.access;

import io.baas.iam.Caller;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.iam.kubesphere.StoreRbacSnapshot;
import io.baas.iam.permission.PermissionTable;
import io.baas.iam.rbac.RbacEvaluator;
import io.baas.iam.rbac.RequestAttributes;
import io.baas.iam.rbac.ResourceScope;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TreeSet;

/**
 * Questions services ask about a caller's permissions beyond the current request, such as which
 * workspaces' objects to include in a list. Same evaluator, same caches as the request gate.
 */
@Singleton
public class AccessReview {

    private final KubeSphereIam iam;

    AccessReview(KubeSphereIam iam) {
        this.iam = iam;
    }

    /** May the caller do {@code verb} on baas.io {@code resource} in the workspace? */
    public boolean allowedInWorkspace(Caller caller, String verb, String resource, String workspace) {
        return RbacEvaluator.authorize(new StoreRbacSnapshot(iam), caller,
                synthetic(verb, resource, workspace, "", ResourceScope.WORKSPACE)).allowed();
    }

    /** May the caller do {@code verb} on baas.io {@code resource} in the namespace? */
    public boolean allowedInNamespace(Caller caller, String verb, String resource, String namespace) {
        return RbacEvaluator.authorize(new StoreRbacSnapshot(iam), caller,
                synthetic(verb, resource, "", namespace, ResourceScope.NAMESPACE)).allowed();
    }

    /** Every existing workspace in which the caller may do {@code verb} on {@code resource}. */
    public Set<String> workspacesAllowing(Caller caller, String verb, String resource) {
        Set<String> workspaces = new TreeSet<>();
        for (String workspace : iam.workspaceNames()) {
            if (allowedInWorkspace(caller, verb, resource, workspace)) {
                workspaces.add(workspace);
            }
        }
        return workspaces;
    }

    private static RequestAttributes synthetic(String verb, String resource, String workspace, String namespace, ResourceScope scope) {
        String path = scope == ResourceScope.NAMESPACE
                ? PermissionTable.PREFIX + "/namespaces/" + namespace + "/" + resource
                : PermissionTable.PREFIX + "/workspaces/" + workspace + "/" + resource;
        return new RequestAttributes(true, verb, PermissionTable.GROUP, "v1", resource, "", "", workspace, namespace, "", scope, path);
    }
}
