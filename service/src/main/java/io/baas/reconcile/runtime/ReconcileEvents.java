package io.baas.reconcile.runtime;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Kubernetes Events about the custom resources, as {@code kubectl describe} shows them. */
final class ReconcileEvents {

    private static final Logger LOG = Logger.getLogger(ReconcileEvents.class);
    /** Where the API server wants Events about cluster-scoped objects (core validation refuses any other namespace). */
    static final String CLUSTER_SCOPED_NAMESPACE = "default";
    static final String COMPONENT = "ks-baas";
    /** Distinct causes are few (RBAC, validation, an API server away); the bound only guards against a flood of new ones. */
    private static final int MAX_CAUSES = 64;

    private final KubernetesClient client;
    private final Clock clock;
    private final Set<String> warnedCauses = ConcurrentHashMap.newKeySet();

    ReconcileEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * The Event as the API server accepts it: about a namespaced object, in that object's namespace;
     * about a cluster-scoped one (Organization, Consortium), in {@code default} with no namespace in
     * its involvedObject.
     */
    static Event build(HasMetadata object, String type, String reason, String message, Instant now) {
        String namespace = object.getMetadata().getNamespace();
        boolean clusterScoped = namespace == null || namespace.isEmpty();
        String name = object.getMetadata().getName();
        String eventNamespace = clusterScoped ? CLUSTER_SCOPED_NAMESPACE : namespace;
        return new EventBuilder()
                .withNewMetadata().withGenerateName(name + ".").withNamespace(eventNamespace).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
                        .withKind(object.getKind()).withNamespace(clusterScoped ? null : namespace).withName(name)
                        .withUid(object.getMetadata().getUid()).build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
    }

    /** Writes the Event; a refusal never fails the pass, but each kind of refusal is logged once at WARN. */
    void record(HasMetadata object, String type, String reason, String message) {
        Event event = build(object, type, reason, message, Instant.now(clock));
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            String cause = cause(e);
            if (warnedCauses.size() < MAX_CAUSES && warnedCauses.add(cause)) {
                LOG.warnf("Could not record event %s for %s %s in namespace %s: %s (logged once per cause: %s)", reason,
                        object.getKind(), object.getMetadata().getName(), event.getMetadata().getNamespace(), e.getMessage(), cause);
            } else {
                LOG.debugf("Could not record event %s for %s: %s", reason, object.getMetadata().getName(), e.getMessage());
            }
        }
    }

    /** What a refusal is, without the names in its message: the HTTP status and its reason, or the exception's class. */
    static String cause(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            String statusReason = k.getStatus() != null && k.getStatus().getReason() != null ? k.getStatus().getReason() : "";
            return k.getCode() + " " + statusReason;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + (root == e ? "" : "/" + root.getClass().getSimpleName());
    }

    /** Test hook: causes logged so far. */
    Set<String> warnedCauses() {
        return Set.copyOf(warnedCauses);
    }
}
