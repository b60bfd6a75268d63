package io.baas.pki.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * A node's identity as Kubernetes objects in its namespace: the Secret (its private keys and own
 * certificates), the ConfigMap (public trust material and MSP config), and for each the items that
 * rebuild Fabric's folder layout when both are mounted at the same root (a projected volume).
 */
public record NodeMaterial(Secret secret, ConfigMap configMap, List<KeyToPath> secretItems,
        List<KeyToPath> configMapItems) {

    public NodeMaterial {
        secretItems = List.copyOf(secretItems);
        configMapItems = List.copyOf(configMapItems);
    }

    /** Never the Secret's data: it holds private keys. */
    @Override
    public String toString() {
        return "NodeMaterial[secret=" + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName()
                + ", configMap=" + configMap.getMetadata().getName() + ", files=" + (secretItems.size() + configMapItems.size()) + "]";
    }
}
