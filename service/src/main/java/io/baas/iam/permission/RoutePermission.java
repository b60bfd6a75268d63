package io.baas.iam.permission;

import io.baas.iam.rbac.ResourceScope;

/**
 * What ks-apiserver authorizes a route as: its scope, resource, subresource and verb. The path is
 * the JAX-RS template ({@code /kapis/baas.io/v1/workspaces/{workspace}/consortia}). A sensitive
 * route hands out secrets (key exports) or signs with an organization's held admin key for the
 * caller (proposal signatures): it is audited even when it only reads, and its permission is
 * aggregated into no built-in role below admin. A create that writes nothing (a verification) is
 * granted with viewing.
 */
public record RoutePermission(String method, String path, ResourceScope scope, String resource, String subresource,
                              String verb, Sensitivity sensitivity) {

    /** What makes a route sensitive, if anything; or, for a create, that it writes nothing. */
    public enum Sensitivity { NONE, EXPORTS_SECRETS, SIGNS_WITH_HELD_KEY, WRITES_NOTHING }

    public boolean sensitive() {
        return sensitivity == Sensitivity.EXPORTS_SECRETS || sensitivity == Sensitivity.SIGNS_WITH_HELD_KEY;
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
        if (sensitivity == Sensitivity.WRITES_NOTHING) {
            return Access.VERIFY;
        }
        return switch (verb) {
            case "get", "list", "watch" -> Access.VIEW;
            default -> Access.MANAGE;
        };
    }

    /**
     * How a permission is granted: viewing, managing, exporting secrets or signing with held keys
     * (these two admins only by default), or verifying (a create that writes nothing, granted with viewing).
     */
    public enum Access { VIEW, MANAGE, EXPORT, SIGN, VERIFY }
}
