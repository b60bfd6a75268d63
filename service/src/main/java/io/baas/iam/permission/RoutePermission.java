package io.baas.iam.permission;

import io.baas.iam.rbac.ResourceScope;

/**
 * What ks-apiserver authorizes a route as: its scope, resource, subresource and verb. The path is
 * the JAX-RS template ({@code /kapis/baas.io/v1/workspaces/{workspace}/consortia}). A sensitive
 * route hands out secrets (key exports) or signs with an organization's held admin key for the
 * caller (proposal signatures): it is audited even when it only reads, and its permission is
 * aggregated into no built-in role below admin.
 */
public record RoutePermission(String method, String path, ResourceScope scope, String resource, String subresource,
                              String verb, Sensitivity sensitivity) {

    /** What makes a route sensitive, if anything. */
    public enum Sensitivity { NONE, EXPORTS_SECRETS, SIGNS_WITH_HELD_KEY }

    public boolean sensitive() {
        return sensitivity != Sensitivity.NONE;
    }

    public String qualifiedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    public Access access() {
        if (sensitivity == Sensitivity.EXPORTS_SECRETS) {
            return Access.EXPORT;
        }
        if (sensitivity == Sensitivity.SIGNS_WITH_HELD_KEY) {
            return Access.SIGN;
        }
        return switch (verb) {
            case "get", "list", "watch" -> Access.VIEW;
            default -> Access.MANAGE;
        };
    }

    /** How a permission is granted: viewing, managing, exporting secrets or signing with held keys (these two admins only by default). */
    public enum Access { VIEW, MANAGE, EXPORT, SIGN }
}
