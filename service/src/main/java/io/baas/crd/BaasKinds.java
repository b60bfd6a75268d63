package io.baas.crd;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** Every baas.io custom resource class; CRD installation and RBAC checks iterate this list. */
public final class BaasKinds {

    public static final List<Class<? extends CustomResource<?, ?>>> ALL = List.of(Organization.class, Consortium.class,
            PeerNode.class, OrdererNode.class, Channel.class, Chaincode.class);

    private BaasKinds() {
    }
}
