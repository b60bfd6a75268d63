package io.baas.config;

/** The runtimes a platform can choose for its nodes (docs/architecture.md, docs/host-runtime.md). */
public enum RuntimeKind {
    KUBERNETES,
    /** In-process Fabric-compatible nodes (dev mode and tests, never production data). */
    SANDBOX,
    /** Fabric nodes as processes on this machine, from a Fabric 2.5 release (one trusted tenant). */
    HOST
}
