package io.baas.reconcile;

import io.baas.chaincode.PrivateDataCollections;
import io.baas.crd.Chaincode;
import io.baas.crd.ConditionReason;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.EndorsementPolicy;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

/**
 * The chaincode definition a Chaincode resource asks for, exactly as the reconciler approves and
 * commits it, so what an organization's admin consents to through the API is what is signed. Pure.
 */
public final class ChaincodeDefinitions {

    private ChaincodeDefinitions() {
    }

    /**
     * Its policy, or the channel's Endorsement policy; its private data collections; no init (the
     * gateway never sets is_init).
     *
     * @throws ReconcileException InvalidCollections for collections Fabric would refuse
     */
    public static ChaincodeDefinition of(Chaincode chaincode) {
        ChaincodeDefinition definition = ChaincodeDefinition.of(chaincode.getSpec().name, chaincode.getSpec().version,
                chaincode.getSpec().sequence, false).withCollections(collections(chaincode));
        String policy = chaincode.getSpec().endorsementPolicy;
        if (policy == null || policy.isBlank()) {
            return definition;
        }
        return definition.withPolicy(policy.trim().startsWith("/") ? new EndorsementPolicy.ChannelReference(policy.trim())
                : new EndorsementPolicy.Signature(policy.trim()));
    }

    /** The collections as the definition carries them; one Fabric would refuse makes the Chaincode Degraded (InvalidCollections). */
    public static Optional<CollectionConfigPackage> collections(Chaincode chaincode) {
        try {
            return PrivateDataCollections.toPackage(chaincode.getSpec().collections);
        } catch (PrivateDataCollections.InvalidCollectionException e) {
            throw new ReconcileException(ConditionReason.INVALID_COLLECTIONS, "Chaincode " + chaincode.getMetadata().getName() + ": " + e.getMessage());
        }
    }
}
