package io.baas.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Cluster-scoped resources of one kind as a watch last delivered them, for hot paths that would
 * otherwise ask the API server on every request (an audit record's owner, a key use's workspace).
 * The watch starts on first use, not at start-up. Until it has its first full list, and for a name
 * it does not hold (a resource created a moment ago), the API is asked, so an answer is never
 * "missing" only because the watch lags; a resource changed or deleted a moment ago may still be
 * seen as it was, by the watch's delay.
 */
public final class WatchedResources<T extends HasMetadata> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WatchedResources.class);

    private final KubernetesClient client;
    private final Class<T> type;
    private volatile SharedIndexInformer<T> informer;
    private volatile boolean closed;

    public WatchedResources(KubernetesClient client, Class<T> type) {
        this.client = client;
        this.type = type;
    }

    /** The resource by name: from the watch when it holds it, else from the API. */
    public Optional<T> get(String name) {
        SharedIndexInformer<T> watch = synced();
        T held = watch == null ? null : watch.getStore().getByKey(name);
        return held != null ? Optional.of(held) : Optional.ofNullable(client.resources(type).withName(name).get());
    }

    /** Every resource of the kind: from the watch once it has listed them, else from the API. */
    public List<T> list() {
        SharedIndexInformer<T> watch = synced();
        return watch != null ? watch.getStore().list() : client.resources(type).list().getItems();
    }

    /** The watch once it has its first full list; null before (and it is started here on first use). */
    private SharedIndexInformer<T> synced() {
        SharedIndexInformer<T> watch = informer;
        if (watch == null) {
            watch = start();
        }
        return watch != null && watch.hasSynced() ? watch : null;
    }

    private synchronized SharedIndexInformer<T> start() {
        if (informer == null && !closed) {
            SharedIndexInformer<T> started = client.resources(type).runnableInformer(0);
            started.start().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.debugf("Cannot watch %s yet (%s); reading from the API meanwhile.", type.getSimpleName(), failure.getMessage());
                }
            });
            informer = started;
        }
        return informer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (informer != null) {
            informer.close();
        }
    }
}
