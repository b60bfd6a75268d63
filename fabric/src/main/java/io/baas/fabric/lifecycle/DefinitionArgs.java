package io.baas.fabric.lifecycle;

import com.google.protobuf.ByteString;
import io.baas.fabric.Protos;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;

/**
 * The definition fields shared by ApproveChaincodeDefinitionForMyOrgArgs,
 * CheckCommitReadinessArgs and CommitChaincodeDefinitionArgs. Fabric gives them the same field
 * numbers 1 to 8 in all three messages, so they are encoded once, through the commit message,
 * and the bytes parse as any of the three.
 */
final class DefinitionArgs {

    private DefinitionArgs() {
    }

    static ByteString encode(ChaincodeDefinition definition) {
        CommitChaincodeDefinitionArgs.Builder args = CommitChaincodeDefinitionArgs.newBuilder()
                .setSequence(definition.sequence())
                .setName(definition.name())
                .setVersion(definition.version())
                .setEndorsementPlugin(definition.endorsementPlugin())
                .setValidationPlugin(definition.validationPlugin())
                .setValidationParameter(definition.endorsementPolicy().toValidationParameter())
                .setInitRequired(definition.initRequired());
        definition.collections().ifPresent(args::setCollections);
        return args.build().toByteString();
    }

    static ChaincodeDefinition decode(ByteString bytes, String function) {
        CommitChaincodeDefinitionArgs args = Protos.parse(CommitChaincodeDefinitionArgs.parser(), bytes,
                function + " arguments", LifecycleMessageException::new);
        return new ChaincodeDefinition(
                args.getName(),
                args.getVersion(),
                args.getSequence(),
                args.getEndorsementPlugin(),
                args.getValidationPlugin(),
                EndorsementPolicy.fromValidationParameter(args.getValidationParameter()),
                args.hasCollections() ? java.util.Optional.of(args.getCollections()) : java.util.Optional.empty(),
                args.getInitRequired());
    }
}
