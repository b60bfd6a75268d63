package io.baas.iam.kubesphere;

import io.baas.iam.rbac.Binding;
import io.baas.iam.rbac.RbacSnapshot;
import io.baas.iam.rbac.Rule;
import io.baas.k8s.KubeSphereKind;
import java.util.List;
import java.util.Optional;

/** {@link RbacSnapshot} over an {@link IamStore}: the same reading for informer caches and fixtures. */
public class StoreRbacSnapshot implements RbacSnapshot {

    private final IamStore store;

    public StoreRbacSnapshot(IamStore store) {
        this.store = store;
    }

    @Override
    public List<Binding> globalRoleBindings() {
        return bindings(store.list(KubeSphereKind.GLOBAL_ROLE_BINDING));
    }

    @Override
    public List<Binding> workspaceRoleBindings(String workspace) {
        return bindings(store.listByLabel(KubeSphereKind.WORKSPACE_ROLE_BINDING, KubeSphereKind.WORKSPACE_LABEL, workspace));
    }

    @Override
    public List<Binding> roleBindings(String namespace) {
        return bindings(store.listInNamespace(KubeSphereKind.ROLE_BINDING, namespace));
    }

    @Override
    public List<Binding> clusterRoleBindings() {
        return bindings(store.list(KubeSphereKind.CLUSTER_ROLE_BINDING));
    }

    @Override
    public List<Rule> rules(Binding.RoleRef ref, String bindingNamespace) {
        Optional<KubeSphereKind> kind = switch (ref.kind()) {
            case "GlobalRole" -> Optional.of(KubeSphereKind.GLOBAL_ROLE);
            case "WorkspaceRole" -> Optional.of(KubeSphereKind.WORKSPACE_ROLE);
            case "ClusterRole" -> Optional.of(KubeSphereKind.CLUSTER_ROLE);
            case "Role" -> Optional.of(KubeSphereKind.ROLE);
            default -> Optional.empty();
        };
        if (kind.isEmpty() || (kind.get() == KubeSphereKind.ROLE && (bindingNamespace == null || bindingNamespace.isEmpty()))) {
            return List.of();
        }
        String namespace = kind.get().namespaced() ? bindingNamespace : null;
        return store.get(kind.get(), namespace, ref.name()).map(IamObjects::rules).orElse(List.of());
    }

    @Override
    public Optional<String> workspaceOf(String namespace) {
        return store.namespace(namespace)
                .map(ns -> ns.getMetadata().getLabels())
                .map(labels -> labels.get(KubeSphereKind.WORKSPACE_LABEL))
                .filter(ws -> !ws.isEmpty());
    }

    private static List<Binding> bindings(List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> objects) {
        return objects.stream().map(IamObjects::binding).toList();
    }
}
