package io.baas.reconcile.runtime;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Kubernetes Events about the custom resources, as {@code kubectl describe} shows them. */
final class ReconcileEvents {

    private static final Logger LOG = Logger.getLogger(ReconcileEvents.class);

    private final KubernetesClient client;
    private final String serviceNamespace;

    ReconcileEvents(KubernetesClient client, String serviceNamespace) {
        this.client = client;
        this.serviceNamespace = serviceNamespace;
    }

    /** Events of namespaced objects go to their namespace; those of cluster-scoped ones to the service's. */
    void record(HasMetadata object, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        String eventNamespace = namespace == null || namespace.isEmpty() ? serviceNamespace : namespace;
        try {
            Instant now = Instant.now();
            client.v1().events().inNamespace(eventNamespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(name + ".").withNamespace(eventNamespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
                            .withKind(object.getKind()).withNamespace(namespace).withName(name)
                            .withUid(object.getMetadata().getUid()).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                    .withNewSource().withComponent("ks-baas").endSource()
                    .build()).create();
        } catch (RuntimeException e) {
            LOG.debugf("Could not record event %s for %s: %s", reason, name, e.getMessage());
        }
    }
}
