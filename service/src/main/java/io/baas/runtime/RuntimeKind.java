package io.baas.runtime;

/** The runtimes a platform can choose for its nodes; the sandbox and host runtimes join in their own issues. */
public enum RuntimeKind {
    KUBERNETES
}
