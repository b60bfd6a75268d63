package io.baas.fabric.lifecycle;

import com.google.protobuf.ByteString;
import io.baas.fabric.Protos;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;

/**
 * An invocation of the {@code _lifecycle} system chaincode: the function name and one protobuf
 * argument, exactly the two chaincode arguments the peer CLI sends.
 */
public sealed interface LifecycleRequest {

    String CHAINCODE = "_lifecycle";

    String function();

    ByteString argument();

    /** The chaincode input arguments: function name, then the encoded argument message. */
    default List<ByteString> args() {
        return List.of(ByteString.copyFromUtf8(function()), argument());
    }

    record InstallChaincode(ByteString packageBytes) implements LifecycleRequest {
        public String function() {
            return "InstallChaincode";
        }

        public ByteString argument() {
            return InstallChaincodeArgs.newBuilder().setChaincodeInstallPackage(packageBytes).build().toByteString();
        }
    }

    record QueryInstalledChaincodes() implements LifecycleRequest {
        public String function() {
            return "QueryInstalledChaincodes";
        }

        public ByteString argument() {
            return QueryInstalledChaincodesArgs.getDefaultInstance().toByteString();
        }
    }

    record QueryInstalledChaincode(String packageId) implements LifecycleRequest {
        public String function() {
            return "QueryInstalledChaincode";
        }

        public ByteString argument() {
            return QueryInstalledChaincodeArgs.newBuilder().setPackageId(packageId).build().toByteString();
        }
    }

    /** Approval for the caller's organization; no package id means "approved, not installed here". */
    record ApproveForMyOrg(ChaincodeDefinition definition, Optional<String> packageId) implements LifecycleRequest {
        public String function() {
            return "ApproveChaincodeDefinitionForMyOrg";
        }

        public ByteString argument() {
            ChaincodeSource source = packageId
                    .map(id -> ChaincodeSource.newBuilder().setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(id)))
                    .orElseGet(() -> ChaincodeSource.newBuilder().setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance()))
                    .build();
            return DefinitionArgs.encode(definition).concat(
                    ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setSource(source).build().toByteString());
        }
    }

    record CheckCommitReadiness(ChaincodeDefinition definition) implements LifecycleRequest {
        public String function() {
            return "CheckCommitReadiness";
        }

        public ByteString argument() {
            return DefinitionArgs.encode(definition);
        }
    }

    record CommitDefinition(ChaincodeDefinition definition) implements LifecycleRequest {
        public String function() {
            return "CommitChaincodeDefinition";
        }

        public ByteString argument() {
            return DefinitionArgs.encode(definition);
        }
    }

    record QueryCommittedDefinition(String name) implements LifecycleRequest {
        public String function() {
            return "QueryChaincodeDefinition";
        }

        public ByteString argument() {
            return QueryChaincodeDefinitionArgs.newBuilder().setName(name).build().toByteString();
        }
    }

    record QueryCommittedDefinitions() implements LifecycleRequest {
        public String function() {
            return "QueryChaincodeDefinitions";
        }

        public ByteString argument() {
            return QueryChaincodeDefinitionsArgs.getDefaultInstance().toByteString();
        }
    }

    /** Reads the arguments of a {@code _lifecycle} invocation, e.g. from a block's chaincode call. */
    static LifecycleRequest parse(List<ByteString> args) {
        if (args.size() != 2) {
            throw new LifecycleMessageException("_lifecycle takes a function and one argument, got " + args.size() + " arguments");
        }
        String function = args.get(0).toStringUtf8();
        ByteString argument = args.get(1);
        return switch (function) {
            case "InstallChaincode" -> new InstallChaincode(
                    parse(InstallChaincodeArgs.parser(), argument, function).getChaincodeInstallPackage());
            case "QueryInstalledChaincodes" -> new QueryInstalledChaincodes();
            case "QueryInstalledChaincode" -> new QueryInstalledChaincode(
                    parse(QueryInstalledChaincodeArgs.parser(), argument, function).getPackageId());
            case "ApproveChaincodeDefinitionForMyOrg" -> new ApproveForMyOrg(DefinitionArgs.decode(argument, function),
                    packageId(parse(ApproveChaincodeDefinitionForMyOrgArgs.parser(), argument, function)));
            case "CheckCommitReadiness" -> new CheckCommitReadiness(DefinitionArgs.decode(argument, function));
            case "CommitChaincodeDefinition" -> new CommitDefinition(DefinitionArgs.decode(argument, function));
            case "QueryChaincodeDefinition" -> new QueryCommittedDefinition(
                    parse(QueryChaincodeDefinitionArgs.parser(), argument, function).getName());
            case "QueryChaincodeDefinitions" -> new QueryCommittedDefinitions();
            default -> throw new LifecycleMessageException("unknown _lifecycle function '" + function + "'");
        };
    }

    private static Optional<String> packageId(ApproveChaincodeDefinitionForMyOrgArgs args) {
        return args.getSource().hasLocalPackage()
                ? Optional.of(args.getSource().getLocalPackage().getPackageId())
                : Optional.empty();
    }

    private static <T> T parse(com.google.protobuf.Parser<T> parser, ByteString argument, String function) {
        return Protos.parse(parser, argument, function + " arguments", LifecycleMessageException::new);
    }
}
