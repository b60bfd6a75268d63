package io.baas.pki.k8s;

import io.baas.pki.DnsNames;
import io.baas.pki.PkiException;
import io.baas.pki.msp.FileKind;
import io.baas.pki.msp.FileTree;
import io.baas.pki.msp.MspFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a node's Secret and ConfigMap from its material tree ({@code msp/}, {@code tls/}); never
 * touches a cluster. Private keys and the node's own certificates go to the Secret, so a renewal
 * replaces certificate and key together; only public files go to the ConfigMap.
 */
public final class NodeMaterialBuilder {

    static final String COMPONENT = "fabric-node-identity";
    private static final int MODE_OWNER_READ = 0400;

    private NodeMaterialBuilder() {}

    public static String secretName(String node) {
        return node + "-identity";
    }

    public static String configMapName(String node) {
        return node + "-msp";
    }

    /**
     * Whether an object found under one of the node's names carries the node's labels: anything else
     * under that name (made by someone else, or for another node) is never overwritten or deleted.
     */
    public static boolean labelledFor(io.fabric8.kubernetes.api.model.HasMetadata object, String organization, String node) {
        return Labels.carries(object, Labels.node(organization, node, COMPONENT));
    }

    public static NodeMaterial build(String namespace, String organization, String node, FileTree material) {
        DnsNames.requireNamespace(namespace);
        DnsNames.requireServiceName(node);
        Map<String, String> labels = Labels.node(organization, node, COMPONENT);
        Map<String, String> secretData = new LinkedHashMap<>();
        Map<String, String> configData = new LinkedHashMap<>();
        List<KeyToPath> secretItems = new ArrayList<>();
        List<KeyToPath> configItems = new ArrayList<>();
        for (MspFile file : material.files()) {
            String key = dataKey(file.path());
            if (secretData.containsKey(key) || configData.containsKey(key)) {
                throw new PkiException("two files map to the data key '" + key + "'");
            }
            if (file.kind() == FileKind.PUBLIC) {
                PrivateKeyGuard.requirePublic(file);
                configData.put(key, file.text());
                configItems.add(new KeyToPathBuilder().withKey(key).withPath(file.path()).build());
            } else {
                secretData.put(key, Base64.getEncoder().encodeToString(file.content()));
                secretItems.add(new KeyToPathBuilder().withKey(key).withPath(file.path())
                        .withMode(file.kind() == FileKind.PRIVATE_KEY ? MODE_OWNER_READ : null).build());
            }
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(secretName(node)).withNamespace(namespace).withLabels(labels).endMetadata()
                .withType("Opaque")
                .withData(secretData)
                .build();
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata().withName(configMapName(node)).withNamespace(namespace).withLabels(labels).endMetadata()
                .withData(configData)
                .build();
        return new NodeMaterial(secret, configMap, secretItems, configItems);
    }

    /** A file path as a data key ({@code [-._a-zA-Z0-9]+}): '/' becomes '.', anything else unsafe '-'. */
    static String dataKey(String path) {
        return path.replace('/', '.').replaceAll("[^-._a-zA-Z0-9]", "-");
    }
}
