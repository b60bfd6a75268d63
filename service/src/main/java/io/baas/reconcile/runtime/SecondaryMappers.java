package io.baas.reconcile.runtime;

import io.baas.k8s.build.ConsortiumNamespaces;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Event sources for what the reconcilers write (StatefulSets, Deployments, Services), so a
 * workload turning ready reaches its resource's status at once rather than at the next resync.
 * Only objects labelled as ks-baas's are watched, and they are mapped to their resource by label:
 * owner references cannot point across namespaces, where chaincode servers live.
 *
 * <p>The informers only trigger passes (a pass reads what it needs itself), so they keep the
 * objects as generic resources: a typed StatefulSet or Deployment would have Jackson build and
 * keep deserializers for the whole pod template's model, ~190 types and 7 MB of heap, in a
 * service that has not deployed any node yet.
 */
final class SecondaryMappers {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    private SecondaryMappers() {
    }

    /** Objects of one app name whose instance label is the name of the resource, in its namespace (a node). */
    static <P extends HasMetadata> EventSource<GenericKubernetesResource, P> byInstance(Class<? extends HasMetadata> type, String appName,
                                                                                    EventSourceContext<P> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(GroupVersionKind.gvkFor(type), context.getPrimaryResourceClass())
                .withName(type.getSimpleName() + "-" + appName)
                .withLabelSelector(selector(appName))
                .withSecondaryToPrimaryMapper(object -> {
                    String instance = labels(object).get(INSTANCE_LABEL);
                    return instance == null ? Set.of() : Set.of(new ResourceID(instance, object.getMetadata().getNamespace()));
                })
                .build(), context);
    }

    /**
     * Objects of one app name that any resource of the kind may be waiting for (chaincode servers
     * are shared by name across a package's Chaincodes): every such resource is looked at again.
     */
    static <P extends HasMetadata> EventSource<GenericKubernetesResource, P> toAll(Class<? extends HasMetadata> type, String appName,
                                                                               EventSourceContext<P> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(GroupVersionKind.gvkFor(type), context.getPrimaryResourceClass())
                .withName(type.getSimpleName() + "-" + appName)
                .withLabelSelector(selector(appName))
                .withSecondaryToPrimaryMapper(object -> context.getPrimaryCache().list()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
    }

    static String selector(String appName) {
        return ConsortiumNamespaces.MANAGED_BY + "=" + ConsortiumNamespaces.MANAGER + "," + NAME_LABEL + "=" + appName;
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }
}
