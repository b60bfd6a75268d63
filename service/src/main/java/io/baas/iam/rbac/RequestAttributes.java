package io.baas.iam.rbac;

/**
 * What ks-apiserver derives from a request and authorizes on (its RequestInfo): verb, group,
 * resource, subresource, name and where (workspace, namespace). Segments after the subresource are
 * not part of it, which is why every separately grantable permission needs its own subresource.
 */
public record RequestAttributes(
        boolean resourceRequest,
        String verb,
        String apiGroup,
        String apiVersion,
        String resource,
        String subresource,
        String name,
        String workspace,
        String namespace,
        String cluster,
        ResourceScope scope,
        String path) {

    /** {@code resource/subresource} as rules name it. */
    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** "list consortia in workspace ws-a", for 403 messages and logs. */
    public String describe() {
        if (!resourceRequest) {
            return verb + " path " + path;
        }
        String what = verb + " " + qualifiedResource() + (name.isEmpty() ? "" : " \"" + name + "\"");
        return switch (scope) {
            case NAMESPACE -> what + " in namespace " + namespace;
            case WORKSPACE -> what + " in workspace " + workspace;
            case CLUSTER, GLOBAL -> what + " at " + scope.kubesphereName().toLowerCase() + " scope";
        };
    }
}
