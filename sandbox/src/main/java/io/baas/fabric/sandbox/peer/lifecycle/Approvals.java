package io.baas.fabric.sandbox.peer.lifecycle;

import com.google.protobuf.ByteString;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;

/**
 * Organizations' approvals as the sandbox keeps them. Fabric writes an approval to the approving
 * organization's implicit private data collection {@code _implicit_org_<MSP ID>} of
 * {@code _lifecycle}, validated under that organization's Endorsement policy. The sandbox has no
 * private data, so it writes public {@code _lifecycle} keys under the prefix
 * {@code _implicit_org_<MSP ID>/}, and the committer validates keys under that prefix with
 * /Channel/Application/&lt;org&gt;/Endorsement, as Fabric validates the collection. The stored
 * parameters are the definition with the peer's defaults applied (escc, vscc, the channel's
 * /Channel/Application/Endorsement), so comparing approvals is comparing bytes.
 */
public final class Approvals {

    public static final String PREFIX = "_implicit_org_";
    public static final String DEFAULT_ENDORSEMENT_PLUGIN = "escc";
    public static final String DEFAULT_VALIDATION_PLUGIN = "vscc";

    private Approvals() {
    }

    public static String parametersKey(String mspId, String name, long sequence) {
        return PREFIX + mspId + "/namespaces/fields/" + name + "#" + sequence + "/Parameters";
    }

    public static String packageKey(String mspId, String name, long sequence) {
        return PREFIX + mspId + "/chaincode-sources/fields/" + name + "#" + sequence + "/PackageID";
    }

    /** The organization whose approval a {@code _lifecycle} key holds, if it is an approval key. */
    public static Optional<String> organizationOf(String key) {
        if (!key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', PREFIX.length());
        return slash < 0 ? Optional.empty() : Optional.of(key.substring(PREFIX.length(), slash));
    }

    /** The definition's parameters with the peer's defaults, without the name (which the key holds). */
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
}
