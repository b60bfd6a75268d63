package io.baas.reconcile.runtime;

import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The controllers as the runtime calls them, on given passes, so a test sees what they write
 * besides the passes' own objects: the Events about the resources.
 */
public final class GuardControllers {

    private final Passes passes;

    public GuardControllers(Map<Class<? extends HasMetadata>, Passes.Pass> passes, KubernetesClient client) {
        this.passes = new Passes(passes, client);
    }

    /** One controller call for the resource (its pass, then its Event); the pass's failure is thrown. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void reconcile(HasMetadata resource) {
        PassReconciler controller;
        if (resource instanceof Consortium) {
            controller = new ConsortiumController(passes);
        } else if (resource instanceof PeerNode) {
            controller = new PeerNodeController(passes);
        } else if (resource instanceof OrdererNode) {
            controller = new OrdererNodeController(passes);
        } else if (resource instanceof Channel) {
            controller = new ChannelController(passes);
        } else if (resource instanceof Chaincode) {
            controller = new ChaincodeController(passes);
        } else {
            throw new IllegalArgumentException("no controller for " + resource.getKind());
        }
        controller.reconcile(resource, null); // the controllers read nothing from the context on success
    }

    /** The Event a failed pass leaves, as the runtime's error handling writes it. */
    public void failed(HasMetadata resource, Exception cause) {
        passes.events().record(resource, "Warning", "ReconcileFailed", cause.getMessage() + " Retrying (attempt 1 failed).");
    }
}
