package io.baas.iam.permission;

import io.baas.iam.rbac.ResourceScope;

/**
 * What ks-apiserver authorizes a route as: its scope, resource, subresource and verb. The path is
 * the JAX-RS template ({@code /kapis/baas.io/v1/workspaces/{workspace}/consortia}). A sensitive
 * route hands out secrets (key exports): it is audited even when it only reads, and its
 * permission is aggregated into no built-in role below admin.
 */
public record RoutePermission(String method, String path, ResourceScope scope, String resource, String subresource,
                              String verb, boolean sensitive) {

    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    public Access access() {
        if (sensitive) {
            return Access.EXPORT;
        }
        return switch (verb) {
            case "get", "list", "watch" -> Access.VIEW;
            default -> Access.MANAGE;
        };
    }

    /** How a permission is granted: viewing, managing, or exporting secrets (admins only by default). */
    public enum Access { VIEW, MANAGE, EXPORT }
}
