package io.baas.support;

import io.baas.iam.kubesphere.IamStore;
import io.baas.k8s.KubeSphereKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link IamStore} over plain lists, for evaluating fixtures without a Kubernetes API. */
public class InMemoryIamStore implements IamStore {

    private final Map<KubeSphereKind, List<GenericKubernetesResource>> objects = new EnumMap<>(KubeSphereKind.class);
    private final Map<String, Namespace> namespaces = new HashMap<>();

    public InMemoryIamStore add(KubeSphereKind kind, GenericKubernetesResource object) {
        objects.computeIfAbsent(kind, k -> new ArrayList<>()).add(object);
        return this;
    }

    /** Adds objects by their kind name (GlobalRole, WorkspaceRoleBinding, ...). */
    public InMemoryIamStore addAll(List<GenericKubernetesResource> resources) {
        for (GenericKubernetesResource resource : resources) {
            for (KubeSphereKind kind : KubeSphereKind.values()) {
                if (kind.kind().equals(resource.getKind())) {
                    add(kind, resource);
                }
            }
        }
        return this;
    }

    public InMemoryIamStore namespace(String name, Map<String, String> labels) {
        namespaces.put(name, new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build());
        return this;
    }

    @Override
    public List<GenericKubernetesResource> list(KubeSphereKind kind) {
        return objects.getOrDefault(kind, List.of());
    }

    @Override
    public List<GenericKubernetesResource> listByLabel(KubeSphereKind kind, String label, String value) {
        return list(kind).stream()
                .filter(o -> o.getMetadata().getLabels() != null && value.equals(o.getMetadata().getLabels().get(label)))
                .toList();
    }

    @Override
    public List<GenericKubernetesResource> listInNamespace(KubeSphereKind kind, String namespace) {
        return list(kind).stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
    }

    @Override
    public Optional<GenericKubernetesResource> get(KubeSphereKind kind, String namespace, String name) {
        return list(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .filter(o -> Objects.equals(emptyToNull(o.getMetadata().getNamespace()), emptyToNull(namespace)))
                .findFirst();
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
