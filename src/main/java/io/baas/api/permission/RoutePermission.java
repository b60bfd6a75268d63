package io.baas.api.permission;

import io.baas.iam.rbac.ResourceScope;

/**
 * What ks-apiserver authorizes a route as: its scope, resource, subresource and verb. The path is
 * the JAX-RS template ({@code /kapis/baas.io/v1/workspaces/{workspace}/consortia}).
 */
public record RoutePermission(String method, String path, ResourceScope scope, String resource, String subresource,
                              String verb) {

    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** Reads (get, list, watch) are viewing; everything else manages. */
    public Access access() {
        return switch (verb) {
            case "get", "list", "watch" -> Access.VIEW;
            default -> Access.MANAGE;
        };
    }

    public enum Access { VIEW, MANAGE }
}
