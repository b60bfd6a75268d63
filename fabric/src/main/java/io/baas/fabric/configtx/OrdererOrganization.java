package io.baas.fabric.configtx;

import java.util.List;
import java.util.Map;

/** An ordering organization with the endpoints clients and peers deliver from. */
public record OrdererOrganization(String name, MspDescription msp, List<String> endpoints,
        Map<String, PolicyDefinition> policies) {

    public OrdererOrganization {
        ConfigNames.check("orderer organization", name);
        endpoints = List.copyOf(endpoints);
        policies = Map.copyOf(policies);
    }

    public static OrdererOrganization of(String name, MspDescription msp, List<String> endpoints) {
        return new OrdererOrganization(name, msp, endpoints, DefaultPolicies.ordererOrganization(msp.mspId()));
    }
}
