package io.baas.chaincode;

import io.baas.crd.Chaincode;
import io.baas.fabric.FabricDataException;
import io.baas.fabric.policy.SignaturePolicies;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * A Chaincode's {@code spec.collections} as the CollectionConfigPackage its definition carries
 * (what {@code peer lifecycle chaincode approveformyorg --collections-config} sends), checked first
 * with the rules Fabric's lifecycle applies, so a bad entry is refused with its name and reason
 * instead of by every organization's peer. Pure.
 */
public final class PrivateDataCollections {

    private static final Pattern NAME = Pattern.compile(Chaincode.COLLECTION_NAME);
    /** What {@code peer lifecycle chaincode approveformyorg --collections-config} sets when maxPeerCount is left out. */
    public static final int DEFAULT_MAX_PEER_COUNT = 1;

    private PrivateDataCollections() {
    }

    /** Empty when the chaincode has no collections (the definition then carries none). */
    public static Optional<CollectionConfigPackage> toPackage(List<Chaincode.PrivateDataCollection> collections) {
        if (collections == null || collections.isEmpty()) {
            return Optional.empty();
        }
        CollectionConfigPackage.Builder configs = CollectionConfigPackage.newBuilder();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < collections.size(); i++) {
            Chaincode.PrivateDataCollection collection = collections.get(i);
            String at = "collections[" + i + "]" + (collection != null && collection.name != null ? " (" + collection.name + ")" : "");
            if (collection == null) {
                throw new InvalidCollectionException(at + ": is empty");
            }
            if (collection.name == null || collection.name.isEmpty()) {
                throw new InvalidCollectionException(at + ": name is required");
            }
            if (!NAME.matcher(collection.name).matches()) {
                throw new InvalidCollectionException(at + ": name may hold only letters, digits, '-' and '_', and may not start with '_'");
            }
            if (!names.add(collection.name)) {
                throw new InvalidCollectionException(at + ": the name is used by an earlier collection");
            }
            configs.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(staticConfig(collection, at)));
        }
        return Optional.of(configs.build());
    }

    private static StaticCollectionConfig staticConfig(Chaincode.PrivateDataCollection collection, String at) {
        int required = nonNegative(collection.requiredPeerCount, at, "requiredPeerCount");
        // The peer CLI's defaults for counts left out of collections_config.json: 0 required, at most 1.
        int maximum = collection.maxPeerCount == null ? DEFAULT_MAX_PEER_COUNT : nonNegative(collection.maxPeerCount, at, "maxPeerCount");
        if (required > maximum) {
            throw new InvalidCollectionException(at + ": requiredPeerCount (" + required + ") exceeds maxPeerCount (" + maximum
                    + (collection.maxPeerCount == null ? ", left out" : "") + ")");
        }
        long blockToLive = collection.blockToLive == null ? 0 : collection.blockToLive;
        if (blockToLive < 0) {
            throw new InvalidCollectionException(at + ": blockToLive may not be negative");
        }
        if (collection.policy == null || collection.policy.isBlank()) {
            throw new InvalidCollectionException(at + ": policy (the member organizations, a signature policy) is required");
        }
        StaticCollectionConfig.Builder config = StaticCollectionConfig.newBuilder()
                .setName(collection.name)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(signature(collection.policy, at, "policy")))
                .setRequiredPeerCount(required)
                .setMaximumPeerCount(maximum)
                .setBlockToLive(blockToLive)
                .setMemberOnlyRead(Boolean.TRUE.equals(collection.memberOnlyRead))
                .setMemberOnlyWrite(Boolean.TRUE.equals(collection.memberOnlyWrite));
        if (collection.endorsementPolicy != null) {
            config.setEndorsementPolicy(endorsementPolicy(collection.endorsementPolicy, at));
        }
        return config.build();
    }

    private static ApplicationPolicy endorsementPolicy(Chaincode.CollectionEndorsementPolicy policy, String at) {
        boolean signature = policy.signaturePolicy != null && !policy.signaturePolicy.isBlank();
        boolean channel = policy.channelConfigPolicy != null && !policy.channelConfigPolicy.isBlank();
        if (signature == channel) {
            throw new InvalidCollectionException(at + ": endorsementPolicy needs exactly one of signaturePolicy and channelConfigPolicy");
        }
        return signature
                ? ApplicationPolicy.newBuilder().setSignaturePolicy(signature(policy.signaturePolicy, at, "endorsementPolicy.signaturePolicy")).build()
                : ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(policy.channelConfigPolicy.trim()).build();
    }

    private static org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope signature(String text, String at, String field) {
        try {
            return SignaturePolicies.parse(text.trim());
        } catch (FabricDataException e) {
            throw new InvalidCollectionException(at + ": " + field + " is not a signature policy: " + e.getMessage());
        }
    }

    private static int nonNegative(Integer value, String at, String field) {
        if (value != null && value < 0) {
            throw new InvalidCollectionException(at + ": " + field + " may not be negative");
        }
        return value == null ? 0 : value;
    }

    /** A collection Fabric would refuse, said in words naming the entry and its field. */
    public static final class InvalidCollectionException extends RuntimeException {
        public InvalidCollectionException(String message) {
            super(message);
        }
    }
}
