package io.baas.pki.k8s;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Secrets kept under the joined names of earlier versions ({@code <org>-ca},
 * {@code <org>-identity-<identity>}): moved once to their collision-free name when first asked
 * for, and only when their labels say they are the one asked for. Without this, an organization
 * made before the rename would get new CAs from its reconciler.
 */
public final class LegacySecrets {

    private LegacySecrets() {}

    public static String caName(String organization) {
        return organization + "-ca";
    }

    public static String identityName(String organization, String identity) {
        return organization + "-identity-" + identity;
    }

    /** The Secret now under {@code name}, moved there from {@code legacyName} if that one passes {@code ours}. */
    public static Optional<Secret> adopt(KubernetesClient client, String namespace, String legacyName, String name,
            Predicate<Secret> ours) {
        Secret legacy = client.secrets().inNamespace(namespace).withName(legacyName).get();
        if (legacy == null || !ours.test(legacy)) {
            return Optional.empty();
        }
        Secret moved = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                        .withLabels(legacy.getMetadata().getLabels()).withAnnotations(legacy.getMetadata().getAnnotations()).build())
                .withType(legacy.getType()).withData(legacy.getData()).build();
        try {
            client.secrets().resource(moved).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        Optional<Secret> now = Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get()).filter(ours);
        if (now.isPresent() && now.get().getData().equals(legacy.getData())) {
            try {
                client.secrets().inNamespace(namespace).withName(legacyName)
                        .lockResourceVersion(legacy.getMetadata().getResourceVersion()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 409) {
                    throw e;
                }
            }
        }
        return now;
    }
}
