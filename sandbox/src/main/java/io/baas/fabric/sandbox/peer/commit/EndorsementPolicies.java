package io.baas.fabric.sandbox.peer.commit;

import io.baas.fabric.policy.Policy;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import java.util.Optional;

/** The endorsement policy the committer applies to a namespace: the lifecycle's answer, empty for an undefined chaincode. */
@FunctionalInterface
public interface EndorsementPolicies {

    /** The policy for the namespace under the config and the committed state before the block. */
    Optional<Policy> forNamespace(String namespace, ChannelConfig config, WorldState state);

    /**
     * A policy for one written key that replaces the namespace's (Fabric's collection-level and
     * key-level endorsement policies); empty when the namespace's policy applies.
     */
    default Optional<Policy> forKey(String namespace, String key, ChannelConfig config) {
        return Optional.empty();
    }

    /**
     * The policy for writes into a private data collection, when it replaces the namespace's (the
     * collection's own endorsement policy); {@link Policy#REJECT} for a collection the chaincode
     * does not have (Fabric: "no such collection", ENDORSEMENT_POLICY_FAILURE).
     */
    default Optional<Policy> forCollection(String namespace, String collection, ChannelConfig config, WorldState state) {
        return Optional.empty();
    }
}
