package io.baas.config;

/** The runtimes a platform can choose for its nodes; a host runtime comes in its own issue. */
public enum RuntimeKind {
    KUBERNETES,
    /** In-process Fabric-compatible nodes (dev mode and tests, never production data). */
    SANDBOX
}
