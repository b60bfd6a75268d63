package io.baas.keyuse;

import java.util.Objects;

/**
 * One use of a held private key: whose key (organization, identity), what for, who caused it (a
 * user, or {@link #RECONCILER} acting on {@code resource}) and a short detail. Never the key.
 */
public record KeyUse(String organization, String identity, KeyAction action, String actor, String resource, String detail) {

    /** The actor of every use a reconciler makes on its own, with the resource that caused it. */
    public static final String RECONCILER = "system:reconciler";

    public KeyUse {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(resource, "resource");
    }

    /** A use by a reconciler, caused by {@code resource} (e.g. {@code Channel trade-bank-a/trade-finance}). */
    public static KeyUse byReconciler(String organization, String identity, KeyAction action, String resource, String detail) {
        return new KeyUse(organization, identity, action, RECONCILER, resource, detail);
    }
}
