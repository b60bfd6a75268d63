package io.baas.iam.rbac;

import io.baas.iam.Caller;
import io.baas.iam.ServiceAccountName;
import java.util.List;
import java.util.Optional;

/**
 * KubeSphere 4's RBAC authorizer, evaluated locally: global role bindings apply everywhere; then
 * the bindings of the target workspace (for a namespace, the workspace of its label); then, for a
 * namespace, its role bindings; then cluster role bindings for every non-global scope. Additive,
 * first allow wins. Subjects are users, groups and service accounts. Pure over a {@link RbacSnapshot}.
 */
public final class RbacEvaluator {

    private RbacEvaluator() {
    }

    public static Decision authorize(RbacSnapshot snapshot, Caller caller, RequestAttributes request) {
        Optional<String> allowedBy = firstAllowing(snapshot, caller, request);
        return allowedBy.map(Decision::allow)
                .orElseGet(() -> Decision.deny("User \"" + caller.username() + "\" cannot " + request.describe()));
    }

    private static Optional<String> firstAllowing(RbacSnapshot snapshot, Caller caller, RequestAttributes request) {
        Optional<String> hit = visit(snapshot, snapshot.globalRoleBindings(), "GlobalRoleBinding", caller, request);
        if (hit.isPresent() || request.scope() == ResourceScope.GLOBAL) {
            return hit;
        }
        String workspace = switch (request.scope()) {
            case NAMESPACE -> snapshot.workspaceOf(request.namespace()).orElse("");
            case WORKSPACE -> request.workspace();
            default -> "";
        };
        if (!workspace.isEmpty()) {
            hit = visit(snapshot, snapshot.workspaceRoleBindings(workspace), "WorkspaceRoleBinding", caller, request);
            if (hit.isPresent()) {
                return hit;
            }
        }
        if (request.scope() == ResourceScope.NAMESPACE) {
            hit = visit(snapshot, snapshot.roleBindings(request.namespace()), "RoleBinding", caller, request);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return visit(snapshot, snapshot.clusterRoleBindings(), "ClusterRoleBinding", caller, request);
    }

    private static Optional<String> visit(RbacSnapshot snapshot, List<Binding> bindings, String bindingKind,
                                          Caller caller, RequestAttributes request) {
        for (Binding binding : bindings) {
            if (!appliesTo(binding, caller)) {
                continue;
            }
            for (Rule rule : snapshot.rules(binding.roleRef(), binding.namespace())) {
                if (RuleMatcher.allows(rule, request)) {
                    return Optional.of(bindingKind + " " + binding.name() + " (" + binding.roleRef().kind() + " "
                            + binding.roleRef().name() + ")");
                }
            }
        }
        return Optional.empty();
    }

    static boolean appliesTo(Binding binding, Caller caller) {
        for (Binding.Subject subject : binding.subjects()) {
            switch (subject.kind()) {
                case "User" -> {
                    if (subject.name().equals(caller.username())) {
                        return true;
                    }
                }
                case "Group" -> {
                    if (caller.groups().contains(subject.name())) {
                        return true;
                    }
                }
                case "ServiceAccount" -> {
                    // A RoleBinding's own namespace stands in for a subject that names none; other bindings have none.
                    String namespace = subject.namespace().isEmpty() && binding.namespace() != null
                            ? binding.namespace() : subject.namespace();
                    if (ServiceAccountName.subjectNames(subject.apiGroup(), namespace, subject.name(), caller.username())) {
                        return true;
                    }
                }
                default -> { }
            }
        }
        return false;
    }
}
