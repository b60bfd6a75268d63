package io.baas.iam.rbac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link RequestAttributes} from a method, a raw path and the query exactly as
 * ks-apiserver's RequestInfoFactory (KubeSphere 4) does, so the backend authorizes what the gateway
 * authorized. Pure.
 */
public final class RequestAttributesResolver {

    private static final Set<String> API_PREFIXES = Set.of("api", "apis", "kapis", "kapi");
    private static final Set<String> GROUPLESS_PREFIXES = Set.of("api", "kapi");
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
    private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
    /** group/resource pairs that KubeSphere treats as global (none of them are baas.io's). */
    private static final Set<String> GLOBAL_RESOURCES = Set.of(
            "iam.kubesphere.io/users", "iam.kubesphere.io/globalroles", "iam.kubesphere.io/globalrolebindings",
            "tenant.kubesphere.io/workspaces", "tenant.kubesphere.io/clusters", "cluster.kubesphere.io/clusters",
            "cluster.kubesphere.io/labels", "resources.kubesphere.io/clusters", "resources.kubesphere.io/labels");
    private static final Map<String, String> METHOD_VERBS = Map.of(
            "POST", "create", "GET", "get", "HEAD", "get", "PUT", "update", "PATCH", "patch", "DELETE", "delete");

    private RequestAttributesResolver() {
    }

    /**
     * @param rawPath the URL path as sent (percent-encoded segments are compared as they are)
     * @param query decoded query parameters; {@code watch} turns a list into a watch
     */
    public static RequestAttributes resolve(String method, String rawPath, Map<String, List<String>> query) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        List<String> parts = new ArrayList<>(Arrays.asList(trimSlashes(path).split("/", -1)));
        String cluster = "";
        if (parts.size() < 3) {
            return nonResource(method, path);
        }
        if (parts.get(0).equals("clusters")) {
            cluster = parts.get(1);
            parts = parts.subList(2, parts.size());
            path = "/" + String.join("/", parts);
        }
        if (parts.isEmpty() || !API_PREFIXES.contains(parts.get(0))) {
            return nonResource(method, path);
        }
        String prefix = parts.get(0);
        parts = parts.subList(1, parts.size());
        if (cluster.isEmpty() && parts.size() >= 2 && parts.get(0).equals("clusters")) {
            cluster = parts.get(1);
            parts = parts.subList(2, parts.size());
            path = "/" + prefix + "/" + String.join("/", parts);
        }
        String group = "";
        if (!GROUPLESS_PREFIXES.contains(prefix)) {
            if (parts.size() < 3) {
                return nonResource(method, path);
            }
            group = parts.get(0);
            parts = parts.subList(1, parts.size());
        }
        if (parts.isEmpty()) {
            return nonResource(method, path);
        }
        String version = parts.get(0);
        parts = parts.subList(1, parts.size());

        String verb;
        if (!parts.isEmpty() && SPECIAL_VERBS.contains(parts.get(0))) {
            verb = parts.get(0);
            parts = parts.subList(1, parts.size());
        } else {
            verb = METHOD_VERBS.getOrDefault(method.toUpperCase(), "");
        }

        String workspace = "";
        if (!parts.isEmpty() && (parts.get(0).equals("workspaces") || parts.get(0).equals("workspacetemplates"))) {
            if (parts.size() > 1) {
                workspace = parts.get(1);
            }
            if (parts.size() > 2) {
                parts = parts.subList(2, parts.size());
            }
        }
        String namespace = "";
        if (!parts.isEmpty() && parts.get(0).equals("namespaces")) {
            if (parts.size() > 1) {
                namespace = parts.get(1);
                if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                    parts = parts.subList(2, parts.size());
                }
            }
        }

        String resource = parts.size() >= 1 ? parts.get(0) : "";
        String name = parts.size() >= 2 ? parts.get(1) : "";
        String subresource = parts.size() >= 3 && !verb.equals("proxy") ? parts.get(2) : "";

        if (name.isEmpty() && verb.equals("get")) {
            verb = isWatch(query) ? "watch" : "list";
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        ResourceScope scope = scope(group, resource, workspace, namespace);
        return new RequestAttributes(true, verb, group, version, resource, subresource, name, workspace, namespace,
                cluster, scope, path);
    }

    private static ResourceScope scope(String group, String resource, String workspace, String namespace) {
        if (GLOBAL_RESOURCES.contains(group + "/" + resource)) {
            return workspace.isEmpty() ? ResourceScope.GLOBAL : ResourceScope.WORKSPACE;
        }
        if (!namespace.isEmpty()) {
            return ResourceScope.NAMESPACE;
        }
        if (!workspace.isEmpty()) {
            return ResourceScope.WORKSPACE;
        }
        return ResourceScope.CLUSTER;
    }

    private static boolean isWatch(Map<String, List<String>> query) {
        List<String> values = query == null ? null : query.get("watch");
        if (values == null || values.isEmpty()) {
            return false;
        }
        String value = values.get(0);
        return !(value.equals("false") || value.equals("0"));
    }

    private static RequestAttributes nonResource(String method, String path) {
        return new RequestAttributes(false, method.toUpperCase(), "", "", "", "", "", "", "", "",
                ResourceScope.CLUSTER, path);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
