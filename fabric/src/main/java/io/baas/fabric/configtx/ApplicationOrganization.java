package io.baas.fabric.configtx;

import java.util.List;
import java.util.Map;

/**
 * A peer organization of the channel. {@code name} keys its config group (configtx.yaml's
 * {@code Name}); it usually equals the MSP ID.
 */
public record ApplicationOrganization(String name, MspDescription msp, List<HostPort> anchorPeers,
        Map<String, PolicyDefinition> policies) {

    public ApplicationOrganization {
        ConfigNames.check("organization", name);
        anchorPeers = List.copyOf(anchorPeers);
        policies = Map.copyOf(policies);
    }

    /** Named after its MSP ID, with the default policies and no anchor peers yet. */
    public static ApplicationOrganization of(MspDescription msp) {
        return new ApplicationOrganization(msp.mspId(), msp, List.of(), DefaultPolicies.applicationOrganization(msp.mspId()));
    }

    public ApplicationOrganization withAnchorPeers(List<HostPort> peers) {
        return new ApplicationOrganization(name, msp, peers, policies);
    }
}
