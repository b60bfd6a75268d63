package io.baas.reconcile.runtime;

import io.baas.crd.OrdererNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Orderers: their identity, StatefulSet and Service; a StatefulSet turning ready is an event. */
@ControllerConfiguration(name = "orderernodes", triggerReconcilerOnAllEvents = true, generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class OrdererNodeController extends PassReconciler<OrdererNode> {

    OrdererNodeController(Passes passes) {
        super(passes, OrdererNode.class);
    }

    @Override
    public List<EventSource<?, OrdererNode>> prepareEventSources(EventSourceContext<OrdererNode> context) {
        return List.of(SecondaryMappers.byInstance(StatefulSet.class, "fabric-orderer", context),
                SecondaryMappers.byInstance(Service.class, "fabric-orderer", context));
    }
}
