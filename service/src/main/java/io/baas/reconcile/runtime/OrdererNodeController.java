package io.baas.reconcile.runtime;

import io.baas.crd.OrdererNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Orderers: their identity, StatefulSet and Service; a StatefulSet turning ready is an event. */
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
