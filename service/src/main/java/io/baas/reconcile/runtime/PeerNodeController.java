package io.baas.reconcile.runtime;

import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Peers: their identity, StatefulSet and Service; a StatefulSet turning ready is an event. */
@ControllerConfiguration(name = "peernodes", triggerReconcilerOnAllEvents = true, generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class PeerNodeController extends PassReconciler<PeerNode> {

    PeerNodeController(Passes passes) {
        super(passes, PeerNode.class);
    }

    @Override
    public List<EventSource<?, PeerNode>> prepareEventSources(EventSourceContext<PeerNode> context) {
        return List.of(SecondaryMappers.byInstance(StatefulSet.class, "fabric-peer", context),
                SecondaryMappers.byInstance(Service.class, "fabric-peer", context));
    }
}
