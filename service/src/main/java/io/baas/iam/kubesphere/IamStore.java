package io.baas.iam.kubesphere;

import io.baas.k8s.KubeSphereKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Optional;

/** Read access to KubeSphere's IAM objects and namespaces, whatever holds them. */
public interface IamStore {

    List<GenericKubernetesResource> list(KubeSphereKind kind);

    /** Cluster-scoped objects with {@code label=value}. */
    List<GenericKubernetesResource> listByLabel(KubeSphereKind kind, String label, String value);

    List<GenericKubernetesResource> listInNamespace(KubeSphereKind kind, String namespace);

    Optional<GenericKubernetesResource> get(KubeSphereKind kind, String namespace, String name);

    Optional<Namespace> namespace(String name);
}
