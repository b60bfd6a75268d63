package io.baas.k8s;

import io.baas.crd.ObservedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one way a baas.io status is written. The next status is computed from the latest stored
 * one (the spec or another writer may have moved on since the pass read it); nothing is written
 * when it says what the stored one says, so an idle pass makes no event for the watchers; a write
 * that meets a newer version (409) is computed again on that version.
 */
public final class StatusWriter {

    static final int ATTEMPTS = 5;

    private StatusWriter() {
    }

    /**
     * Ends a reconcile pass: the status {@code next} computes, describing the generation the pass
     * read ({@code resource}'s). Returns the resource as stored after it, empty when it is gone.
     */
    public static <S extends ObservedStatus, T extends CustomResource<?, S>> Optional<T> write(KubernetesClient client, T resource,
                                                                                           UnaryOperator<S> next) {
        Long generation = resource.getMetadata().getGeneration();
        return update(client, resource, current -> {
            S status = next.apply(current);
            status.observe(generation == null ? 0 : generation);
            return status;
        });
    }

    /**
     * A part of the status recorded during a pass (such as the namespaces just made), leaving the
     * observed generation as it is. Returns the resource as stored after it, empty when it is gone.
     */
    public static <S, T extends CustomResource<?, S>> Optional<T> update(KubernetesClient client, T resource, UnaryOperator<S> next) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) resource.getClass();
        Resource<T> stored = find(client, type, resource);
        for (int attempt = 1; ; attempt++) {
            T latest = stored.get();
            if (latest == null) {
                return Optional.empty();
            }
            String before = Serialization.asJson(latest.getStatus());
            S status = next.apply(latest.getStatus());
            if (Objects.equals(before, Serialization.asJson(status))) {
                return Optional.of(latest);
            }
            latest.setStatus(status);
            try {
                return Optional.of(client.resources(type).resource(latest).updateStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static <T extends CustomResource<?, ?>> Resource<T> find(KubernetesClient client, Class<T> type, T resource) {
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        return namespace == null ? client.resources(type).withName(name) : client.resources(type).inNamespace(namespace).withName(name);
    }
}
