package io.baas.fabric.configtx;

import java.util.LinkedHashMap;
import java.util.Map;

/** The policies of fabric-samples' configtx.yaml, which configtxgen users start from. */
public final class DefaultPolicies {

    public static final String READERS = "Readers";
    public static final String WRITERS = "Writers";
    public static final String ADMINS = "Admins";
    public static final String ENDORSEMENT = "Endorsement";
    public static final String LIFECYCLE_ENDORSEMENT = "LifecycleEndorsement";
    public static final String BLOCK_VALIDATION = "BlockValidation";

    private DefaultPolicies() {
    }

    /** The channel group's: any reader, any writer, a majority of admins. */
    public static Map<String, PolicyDefinition> channel() {
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        policies.put(READERS, new PolicyDefinition.ImplicitMeta("ANY Readers"));
        policies.put(WRITERS, new PolicyDefinition.ImplicitMeta("ANY Writers"));
        policies.put(ADMINS, new PolicyDefinition.ImplicitMeta("MAJORITY Admins"));
        return Map.copyOf(policies);
    }

    /** The orderer group's add BlockValidation, which peers check orderer signatures against. */
    public static Map<String, PolicyDefinition> orderer() {
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>(channel());
        policies.put(BLOCK_VALIDATION, new PolicyDefinition.ImplicitMeta("ANY Writers"));
        return Map.copyOf(policies);
    }

    /** The application group's add chaincode endorsement by a majority of organizations. */
    public static Map<String, PolicyDefinition> application() {
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>(channel());
        policies.put(LIFECYCLE_ENDORSEMENT, new PolicyDefinition.ImplicitMeta("MAJORITY Endorsement"));
        policies.put(ENDORSEMENT, new PolicyDefinition.ImplicitMeta("MAJORITY Endorsement"));
        return Map.copyOf(policies);
    }

    /** A peer organization's, from its NodeOU roles: peers endorse, admins administer. */
    public static Map<String, PolicyDefinition> applicationOrganization(String mspId) {
        return Map.of(
                READERS, signature(mspId, "admin", "peer", "client"),
                WRITERS, signature(mspId, "admin", "client"),
                ADMINS, signature(mspId, "admin"),
                ENDORSEMENT, signature(mspId, "peer"));
    }

    /** An orderer organization's: any member reads and writes (orderers sign blocks), admins administer. */
    public static Map<String, PolicyDefinition> ordererOrganization(String mspId) {
        return Map.of(
                READERS, signature(mspId, "member"),
                WRITERS, signature(mspId, "member"),
                ADMINS, signature(mspId, "admin"));
    }

    private static PolicyDefinition signature(String mspId, String... roles) {
        StringBuilder rule = new StringBuilder("OR(");
        for (int i = 0; i < roles.length; i++) {
            rule.append(i == 0 ? "" : ", ").append('\'').append(mspId).append('.').append(roles[i]).append('\'');
        }
        return new PolicyDefinition.Signature(rule.append(')').toString());
    }
}
