package io.baas.reconcile.runtime;

import io.baas.crd.Chaincode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Chaincodes: their servers, installs, approvals and commit; a server Deployment turning ready is an event. */
public class ChaincodeController extends PassReconciler<Chaincode> {

    ChaincodeController(Passes passes) {
        super(passes, Chaincode.class);
    }

    @Override
    public List<EventSource<?, Chaincode>> prepareEventSources(EventSourceContext<Chaincode> context) {
        return List.of(SecondaryMappers.toAll(Deployment.class, "chaincode-server", context),
                SecondaryMappers.toAll(Service.class, "chaincode-server", context));
    }
}
