package io.baas.fabric.sandbox.peer.lifecycle;

import com.google.protobuf.ByteString;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * Organizations' approvals as Fabric's {@code _lifecycle} keeps them: private data in the
 * approving organization's implicit collection {@code _implicit_org_<MSP ID>} of
 * {@code _lifecycle}, serialized as Fabric's Serializer does: {@code namespaces/metadata/<name>#<seq>}
 * (ChaincodeParameters: EndorsementInfo, ValidationInfo, Collections) with its fields under
 * {@code namespaces/fields/<name>#<seq>/}, and {@code chaincode-sources/metadata/<name>#<seq>}
 * (ChaincodeLocalPackage) with {@code chaincode-sources/fields/<name>#<seq>/PackageID}. The
 * organization's peers hold the values; every peer holds their hashes, which is how others check
 * an approval (PrivateReadWriteSetTest matches a real approval byte for byte). The parameters are
 * the definition with the peer's defaults applied (escc, vscc, the channel's
 * /Channel/Application/Endorsement).
 */
public final class Approvals {

    public static final String DEFAULT_ENDORSEMENT_PLUGIN = "escc";
    public static final String DEFAULT_VALIDATION_PLUGIN = "vscc";
    /** The public keys the sandbox wrote approvals under before it had private data; still read for ledgers made then. */
    public static final String LEGACY_PREFIX = CollectionConfigs.IMPLICIT_PREFIX;

    private Approvals() {
    }

    /** The organization's implicit collection, where its approvals live. */
    public static String collection(String mspId) {
        return CollectionConfigs.IMPLICIT_PREFIX + mspId;
    }

    public static String parametersMetadataKey(String name, long sequence) {
        return "namespaces/metadata/" + name + "#" + sequence;
    }

    public static String sourceMetadataKey(String name, long sequence) {
        return "chaincode-sources/metadata/" + name + "#" + sequence;
    }

    public static String packageIdKey(String name, long sequence) {
        return "chaincode-sources/fields/" + name + "#" + sequence + "/PackageID";
    }

    /** A public key of the sandbox's former approvals, which named the package to run. */
    public static String legacyPackageKey(String mspId, String name, long sequence) {
        return LEGACY_PREFIX + mspId + "/chaincode-sources/fields/" + name + "#" + sequence + "/PackageID";
    }

    /** The organization whose approval a public {@code _lifecycle} key of the former kind holds. */
    public static Optional<String> organizationOf(String key) {
        if (!key.startsWith(LEGACY_PREFIX)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', LEGACY_PREFIX.length());
        return slash < 0 ? Optional.empty() : Optional.of(key.substring(LEGACY_PREFIX.length(), slash));
    }

    /** The definition's parameters with the peer's defaults, without the name (which the keys hold). */
    public static ByteString parameters(ChaincodeDefinition definition) {
        ByteString validationParameter = definition.endorsementPolicy().toValidationParameter();
        if (validationParameter.isEmpty()) {
            validationParameter = ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(ChannelConfig.DEFAULT_ENDORSEMENT)
                    .build().toByteString();
        }
        CommitChaincodeDefinitionArgs.Builder args = CommitChaincodeDefinitionArgs.newBuilder()
                .setSequence(definition.sequence())
                .setVersion(definition.version())
                .setEndorsementPlugin(definition.endorsementPlugin().isEmpty() ? DEFAULT_ENDORSEMENT_PLUGIN : definition.endorsementPlugin())
                .setValidationPlugin(definition.validationPlugin().isEmpty() ? DEFAULT_VALIDATION_PLUGIN : definition.validationPlugin())
                .setValidationParameter(validationParameter)
                .setInitRequired(definition.initRequired())
                .setCollections(definition.collections().orElse(CollectionConfigPackage.getDefaultInstance()));
        return args.build().toByteString();
    }

    public static CommitChaincodeDefinitionArgs parse(ByteString parameters) {
        return CommittedDefinitions.parse(parameters, CommitChaincodeDefinitionArgs.parser());
    }

    /** Fabric's serialized ChaincodeParameters of a sequence: the metadata key, then each field's key, with their values. */
    public static Map<String, ByteString> parameterStates(String name, CommitChaincodeDefinitionArgs parameters) {
        String key = name + "#" + parameters.getSequence();
        Map<String, ByteString> states = new LinkedHashMap<>();
        states.put(parametersMetadataKey(name, parameters.getSequence()), StateMetadata.newBuilder().setDatatype("ChaincodeParameters")
                .addAllFields(List.of("EndorsementInfo", "ValidationInfo", "Collections")).build().toByteString());
        states.put("namespaces/fields/" + key + "/EndorsementInfo", CommittedDefinitions.endorsementInfoState(ChaincodeEndorsementInfo.newBuilder()
                .setVersion(parameters.getVersion()).setInitRequired(parameters.getInitRequired())
                .setEndorsementPlugin(parameters.getEndorsementPlugin()).build()));
        states.put("namespaces/fields/" + key + "/ValidationInfo", CommittedDefinitions.validationInfoState(ChaincodeValidationInfo.newBuilder()
                .setValidationPlugin(parameters.getValidationPlugin()).setValidationParameter(parameters.getValidationParameter()).build()));
        states.put("namespaces/fields/" + key + "/Collections", CommittedDefinitions.collectionsState(parameters.getCollections()));
        return states;
    }

    /** Fabric's serialized ChaincodeLocalPackage of a sequence: which package the organization's peers run (empty: none). */
    public static Map<String, ByteString> sourceStates(String name, long sequence, String packageId) {
        Map<String, ByteString> states = new LinkedHashMap<>();
        states.put(sourceMetadataKey(name, sequence), StateMetadata.newBuilder().setDatatype("ChaincodeLocalPackage")
                .addFields("PackageID").build().toByteString());
        states.put(packageIdKey(name, sequence), StateData.newBuilder().setString(packageId).build().toByteString());
        return states;
    }

    /** The package ID a stored PackageID field holds. */
    public static String packageId(ByteString state) {
        return CommittedDefinitions.parse(state, StateData.parser()).getString();
    }
}
