package io.baas.reconcile.runtime;

import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Peers: their identity, StatefulSet and Service; a StatefulSet turning ready is an event. */
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
