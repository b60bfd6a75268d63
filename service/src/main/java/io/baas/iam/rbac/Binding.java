package io.baas.iam.rbac;

import java.util.List;

/**
 * A role binding of any KubeSphere kind, reduced to what authorization needs. {@code namespace} is
 * the binding's own namespace (RoleBindings only), where its Role refs resolve.
 */
public record Binding(String name, String namespace, RoleRef roleRef, List<Subject> subjects) {

    public Binding {
        subjects = List.copyOf(subjects);
    }

    /** Which role a binding grants; KubeSphere resolves it by kind alone. */
    public record RoleRef(String kind, String name) {
    }

    /** {@code apiGroup} tells a KubeSphere service account from a Kubernetes one; empty when absent. */
    public record Subject(String apiGroup, String kind, String name, String namespace) {
    }
}
