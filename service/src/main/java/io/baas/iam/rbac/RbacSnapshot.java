package io.baas.iam.rbac;

import java.util.List;
import java.util.Optional;

/** The IAM objects authorization reads, from whatever holds them (informer caches, test fixtures). */
public interface RbacSnapshot {

    List<Binding> globalRoleBindings();

    /** Only bindings labelled {@code kubesphere.io/workspace=<workspace>} count, as in KubeSphere. */
    List<Binding> workspaceRoleBindings(String workspace);

    List<Binding> roleBindings(String namespace);

    List<Binding> clusterRoleBindings();

    /** The rules of the referenced role; empty when it does not exist (which grants nothing). */
    List<Rule> rules(Binding.RoleRef ref, String bindingNamespace);

    /** The workspace a namespace belongs to, from its {@code kubesphere.io/workspace} label. */
    Optional<String> workspaceOf(String namespace);
}
