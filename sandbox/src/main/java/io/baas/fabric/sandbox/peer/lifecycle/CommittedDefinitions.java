package io.baas.fabric.sandbox.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.policy.Policy;
import io.baas.fabric.policy.SignaturePolicyEvaluator;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.commit.EndorsementPolicies;
import io.baas.fabric.sandbox.peer.ledger.VersionedValue;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;

/**
 * Committed chaincode definitions as {@code _lifecycle} keeps them in its public namespace, with
 * Fabric's keys and encodings ({@code namespaces/fields/<name>/Sequence}, {@code EndorsementInfo},
 * {@code ValidationInfo}, {@code Collections} as {@code lifecycle.StateData}, and {@code
 * namespaces/metadata/<name>}), and the endorsement policy the committer applies to each namespace:
 * {@code _lifecycle} itself under /Channel/Application/LifecycleEndorsement, a defined chaincode
 * under its validation parameter, anything else has none (INVALID_CHAINCODE).
 */
public final class CommittedDefinitions implements EndorsementPolicies {

    public static final String NAMESPACE = "_lifecycle";

    public static String fieldKey(String name, String field) {
        return "namespaces/fields/" + name + "/" + field;
    }

    public static String metadataKey(String name) {
        return "namespaces/metadata/" + name;
    }

    /** The committed sequence of a chaincode, 0 when it is not defined. */
    public static long sequence(Optional<ByteString> stored) {
        return stored.map(bytes -> stateData(bytes).getInt64()).orElse(0L);
    }

    public static Optional<ChaincodeEndorsementInfo> endorsementInfo(WorldState state, String name) {
        return state.get(NAMESPACE, fieldKey(name, "EndorsementInfo")).map(VersionedValue::value)
                .map(bytes -> parse(stateData(bytes).getBytes(), ChaincodeEndorsementInfo.parser()));
    }

    public static Optional<ChaincodeValidationInfo> validationInfo(WorldState state, String name) {
        return state.get(NAMESPACE, fieldKey(name, "ValidationInfo")).map(VersionedValue::value)
                .map(bytes -> parse(stateData(bytes).getBytes(), ChaincodeValidationInfo.parser()));
    }

    @Override
    public Optional<Policy> forNamespace(String namespace, ChannelConfig config, WorldState state) {
        if (namespace.equals(NAMESPACE)) {
            return Optional.of(config.policy(ChannelConfig.LIFECYCLE_ENDORSEMENT));
        }
        return validationInfo(state, namespace).map(info -> policy(info.getValidationParameter(), config));
    }

    /**
     * Public approval keys of the kind the sandbox wrote before it had private data are validated
     * under the approving organization's Endorsement policy (peers still read them for ledgers made then).
     */
    @Override
    public Optional<Policy> forKey(String namespace, String key, ChannelConfig config) {
        if (!namespace.equals(NAMESPACE)) {
            return Optional.empty();
        }
        return Approvals.organizationOf(key).map(msp -> config.organizationPolicy(msp, "Endorsement"));
    }

    /**
     * Fabric's CollectionValidationInfo: an implicit collection under its organization's
     * Endorsement policy, a collection with an endorsement policy under it, others under the
     * chaincode's; an unknown collection fails.
     */
    @Override
    public Optional<Policy> forCollection(String namespace, String collection, ChannelConfig config, WorldState state) {
        if (collection.startsWith(CollectionConfigs.IMPLICIT_PREFIX)) {
            return Optional.of(config.organizationPolicy(collection.substring(CollectionConfigs.IMPLICIT_PREFIX.length()), "Endorsement"));
        }
        Optional<StaticCollectionConfig> found = CollectionConfigs.find(state, namespace, collection, "");
        if (found.isEmpty()) {
            return Optional.of(Policy.REJECT);
        }
        return found.filter(StaticCollectionConfig::hasEndorsementPolicy)
                .map(c -> policy(c.getEndorsementPolicy().toByteString(), config));
    }

    /** An ApplicationPolicy: a signature policy, or a reference to a channel policy. */
    public static Policy policy(ByteString validationParameter, ChannelConfig config) {
        ApplicationPolicy policy = parse(validationParameter, ApplicationPolicy.parser());
        return switch (policy.getTypeCase()) {
            case SIGNATURE_POLICY -> SignaturePolicyEvaluator.compile(policy.getSignaturePolicy());
            case CHANNEL_CONFIG_POLICY_REFERENCE -> config.policy(policy.getChannelConfigPolicyReference());
            case TYPE_NOT_SET -> Policy.REJECT;
        };
    }

    /** The StateData Fabric's serializer writes for a definition's EndorsementInfo field. */
    public static ByteString endorsementInfoState(ChaincodeEndorsementInfo info) {
        return StateData.newBuilder().setBytes(info.toByteString()).build().toByteString();
    }

    public static ByteString validationInfoState(ChaincodeValidationInfo info) {
        return StateData.newBuilder().setBytes(info.toByteString()).build().toByteString();
    }

    public static ByteString collectionsState(org.hyperledger.fabric.protos.peer.CollectionConfigPackage collections) {
        return StateData.newBuilder().setBytes(collections.toByteString()).build().toByteString();
    }

    static StateData stateData(ByteString bytes) {
        return parse(bytes, StateData.parser());
    }

    public static <T> T parse(ByteString bytes, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new SandboxException("corrupt lifecycle state: " + e.getMessage(), e);
        }
    }

}
