package io.baas.fabric.lifecycle;

import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

/**
 * A chaincode definition as organizations approve and commit it. Empty plugin names leave the
 * peer's defaults (escc, vscc) in force, as the peer CLI does.
 */
public record ChaincodeDefinition(
        String name,
        String version,
        long sequence,
        String endorsementPlugin,
        String validationPlugin,
        EndorsementPolicy endorsementPolicy,
        Optional<CollectionConfigPackage> collections,
        boolean initRequired) {

    public ChaincodeDefinition {
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            throw new LifecycleMessageException("a chaincode definition needs a name and a version");
        }
        if (sequence < 1) {
            throw new LifecycleMessageException("definition sequence starts at 1, was " + sequence);
        }
    }

    /** Defaults of the peer CLI: peer-chosen plugins, the channel's endorsement policy, no collections. */
    public static ChaincodeDefinition of(String name, String version, long sequence, boolean initRequired) {
        return new ChaincodeDefinition(name, version, sequence, "", "", new EndorsementPolicy.ChannelDefault(),
                Optional.empty(), initRequired);
    }

    public ChaincodeDefinition withPolicy(EndorsementPolicy policy) {
        return new ChaincodeDefinition(name, version, sequence, endorsementPlugin, validationPlugin, policy, collections,
                initRequired);
    }

    public ChaincodeDefinition withCollections(Optional<CollectionConfigPackage> collections) {
        return new ChaincodeDefinition(name, version, sequence, endorsementPlugin, validationPlugin, endorsementPolicy, collections,
                initRequired);
    }
}
