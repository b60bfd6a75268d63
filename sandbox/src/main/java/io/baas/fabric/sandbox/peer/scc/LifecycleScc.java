package io.baas.fabric.sandbox.peer.scc;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.CollectionConfigRules;
import io.baas.fabric.lifecycle.LifecycleMessageException;
import io.baas.fabric.lifecycle.LifecycleRequest;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.endorser.Acl;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Invocation;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.lifecycle.Approvals;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.sandbox.peer.lifecycle.InstalledPackages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgResult;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * The {@code _lifecycle} system chaincode: install and query installed on the peer (local MSP
 * admins), approve for the peer's organization, check commit readiness, commit and query committed
 * on a channel (/Channel/Application/Writers). Sequences follow Fabric's rules (approve the current
 * sequence only with its exact parameters, or the next one; commit the next one, approved by this
 * peer's organization); committed definitions are written under Fabric's keys; approvals under the
 * sandbox's stand-in for the implicit collections (see {@link Approvals}). Other organizations'
 * agreement is enforced at validation, by /Channel/Application/LifecycleEndorsement.
 */
public final class LifecycleScc implements Chaincodes.SystemChaincode {

    public static final String NAME = CommittedDefinitions.NAMESPACE;

    private final InstalledPackages installed;
    private final Acl acl;
    private final String localMspId;

    public LifecycleScc(InstalledPackages installed, Acl acl, String localMspId) {
        this.installed = installed;
        this.acl = acl;
        this.localMspId = localMspId;
    }

    @Override
    public ChaincodeResult invoke(Invocation invocation) {
        LifecycleRequest request;
        try {
            request = LifecycleRequest.parse(invocation.proposal().args());
        } catch (LifecycleMessageException e) {
            return ChaincodeResult.error(e.getMessage());
        }
        String function = request.function();
        try {
            if (request instanceof LifecycleRequest.InstallChaincode || request instanceof LifecycleRequest.QueryInstalledChaincodes
                    || request instanceof LifecycleRequest.QueryInstalledChaincode) {
                acl.checkLocal("_lifecycle/" + function, invocation.proposal(), true);
                return peerScoped(request);
            }
            PeerChannel channel = invocation.channel().orElseThrow(() -> new IllegalArgumentException(
                    "failed to invoke backing implementation of '" + function + "': no channel in the proposal"));
            acl.check("_lifecycle/" + function, channel, invocation.proposal(), ChannelConfig.APPLICATION_WRITERS);
            return onChannel(request, channel, invocation.simulator().orElseThrow());
        } catch (Acl.AclException e) {
            return ChaincodeResult.error("Failed to authorize invocation due to failed ACL check: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ChaincodeResult.error("failed to invoke backing implementation of '" + function + "': " + e.getMessage());
        }
    }

    private ChaincodeResult peerScoped(LifecycleRequest request) {
        if (request instanceof LifecycleRequest.InstallChaincode install) {
            InstalledPackages.Installed result = installed.install(install.packageBytes().toByteArray());
            return ChaincodeResult.success(InstallChaincodeResult.newBuilder().setPackageId(result.packageId())
                    .setLabel(result.label()).build().toByteString());
        }
        if (request instanceof LifecycleRequest.QueryInstalledChaincode query) {
            InstalledPackages.Installed found = installed.get(query.packageId()).orElseThrow(() -> new IllegalArgumentException(
                    "could not load '" + query.packageId() + "': chaincode install package '" + query.packageId() + "' not found"));
            return ChaincodeResult.success(QueryInstalledChaincodeResult.newBuilder().setPackageId(found.packageId())
                    .setLabel(found.label()).build().toByteString());
        }
        QueryInstalledChaincodesResult.Builder result = QueryInstalledChaincodesResult.newBuilder();
        installed.list().forEach(p -> result.addInstalledChaincodes(QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
                .setPackageId(p.packageId()).setLabel(p.label())));
        return ChaincodeResult.success(result.build().toByteString());
    }

    /** Fabric's validateInput for the collections: against the channel's MSPs and the committed definition's collections. */
    private static void validateCollections(ChaincodeDefinition definition, PeerChannel channel, TxSimulator simulator) {
        Optional<org.hyperledger.fabric.protos.peer.CollectionConfigPackage> committed = committedSequence(simulator, definition.name()) == 0
                ? Optional.empty()
                : simulator.peek(CommittedDefinitions.NAMESPACE, CommittedDefinitions.fieldKey(definition.name(), "Collections"))
                        .map(value -> CommittedDefinitions.parse(CommittedDefinitions.parse(value.value(), StateData.parser()).getBytes(),
                                org.hyperledger.fabric.protos.peer.CollectionConfigPackage.parser()));
        try {
            CollectionConfigRules.validate(definition.collections(), channel.config().msps()::knows, committed);
        } catch (LifecycleMessageException e) {
            throw new IllegalArgumentException("error validating chaincode definition: " + e.getMessage());
        }
    }

    private ChaincodeResult onChannel(LifecycleRequest request, PeerChannel channel, TxSimulator simulator) {
        if (request instanceof LifecycleRequest.ApproveForMyOrg approve) {
            ChaincodeDefinition definition = approve.definition();
            validateCollections(definition, channel, simulator);
            long current = committedSequence(simulator, definition.name());
            ByteString parameters = Approvals.parameters(definition);
            if (definition.sequence() < current) {
                throw new IllegalArgumentException("currently defined sequence " + current + " is larger than requested sequence "
                        + definition.sequence());
            }
            if (definition.sequence() > current + 1) {
                throw new IllegalArgumentException("requested sequence is " + definition.sequence() + ", but new definition must be sequence "
                        + (current + 1));
            }
            if (definition.sequence() == current && !parameters.equals(committedParameters(simulator, definition.name(), current))) {
                throw new IllegalArgumentException("attempted to redefine the current committed sequence (" + current + ") for namespace "
                        + definition.name() + " with different parameters");
            }
            approveForMyOrg(simulator, definition, Approvals.parse(parameters), approve.packageId().orElse(""), current);
            return ChaincodeResult.success(ApproveChaincodeDefinitionForMyOrgResult.getDefaultInstance().toByteString());
        }
        if (request instanceof LifecycleRequest.CheckCommitReadiness check) {
            requireNext(simulator, check.definition());
            return ChaincodeResult.success(CheckCommitReadinessResult.newBuilder()
                    .putAllApprovals(approvals(simulator, channel, check.definition())).build().toByteString());
        }
        if (request instanceof LifecycleRequest.CommitDefinition commit) {
            ChaincodeDefinition definition = commit.definition();
            validateCollections(definition, channel, simulator);
            requireNext(simulator, definition);
            Map<String, Boolean> approvals = approvals(simulator, channel, definition);
            if (!approvals.getOrDefault(localMspId, false)) {
                throw new IllegalArgumentException("chaincode definition not agreed to by this org (" + localMspId + ")");
            }
            write(simulator, definition);
            return ChaincodeResult.success(CommitChaincodeDefinitionResult.getDefaultInstance().toByteString());
        }
        if (request instanceof LifecycleRequest.QueryCommittedDefinition query) {
            long sequence = committedSequence(simulator, query.name());
            if (sequence == 0) {
                throw new IllegalArgumentException("namespace " + query.name() + " is not defined");
            }
            CommitChaincodeDefinitionArgs committed = Approvals.parse(committedParameters(simulator, query.name(), sequence));
            Map<String, Boolean> approvals = new LinkedHashMap<>();
            for (String msp : channel.config().applicationMspIds()) {
                approvals.put(msp, approved(simulator, msp, query.name(), committed));
            }
            return ChaincodeResult.success(QueryChaincodeDefinitionResult.newBuilder()
                    .setSequence(sequence).setVersion(committed.getVersion())
                    .setEndorsementPlugin(committed.getEndorsementPlugin()).setValidationPlugin(committed.getValidationPlugin())
                    .setValidationParameter(committed.getValidationParameter()).setCollections(committed.getCollections())
                    .setInitRequired(committed.getInitRequired()).putAllApprovals(approvals).build().toByteString());
        }
        QueryChaincodeDefinitionsResult.Builder result = QueryChaincodeDefinitionsResult.newBuilder();
        for (TxSimulator.Entry entry : simulator.range(CommittedDefinitions.NAMESPACE, "namespaces/metadata/", "namespaces/metadata0", 0)) {
            String name = entry.key().substring("namespaces/metadata/".length());
            long sequence = committedSequence(simulator, name);
            CommitChaincodeDefinitionArgs committed = Approvals.parse(committedParameters(simulator, name, sequence));
            result.addChaincodeDefinitions(QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
                    .setName(name).setSequence(sequence).setVersion(committed.getVersion())
                    .setEndorsementPlugin(committed.getEndorsementPlugin()).setValidationPlugin(committed.getValidationPlugin())
                    .setValidationParameter(committed.getValidationParameter()).setCollections(committed.getCollections())
                    .setInitRequired(committed.getInitRequired()));
        }
        return ChaincodeResult.success(result.build().toByteString());
    }

    /** Reads the committed sequence and metadata as Fabric's approve and commit do (both go into the read set). */
    private static long committedSequence(TxSimulator simulator, String name) {
        simulator.get(CommittedDefinitions.NAMESPACE, CommittedDefinitions.metadataKey(name));
        return CommittedDefinitions.sequence(simulator.get(CommittedDefinitions.NAMESPACE, CommittedDefinitions.fieldKey(name, "Sequence")));
    }

    private static void requireNext(TxSimulator simulator, ChaincodeDefinition definition) {
        long current = committedSequence(simulator, definition.name());
        if (definition.sequence() != current + 1) {
            throw new IllegalArgumentException("requested sequence is " + definition.sequence() + ", but new definition must be sequence "
                    + (current + 1));
        }
    }

    /** Each application organization's agreement: its approval for this sequence has exactly these parameters. */
    private static Map<String, Boolean> approvals(TxSimulator simulator, PeerChannel channel, ChaincodeDefinition definition) {
        CommitChaincodeDefinitionArgs parameters = Approvals.parse(Approvals.parameters(definition));
        Map<String, Boolean> approvals = new LinkedHashMap<>();
        for (String msp : channel.config().applicationMspIds()) {
            approvals.put(msp, approved(simulator, msp, definition.name(), parameters));
        }
        return approvals;
    }

    /**
     * Fabric's check of another organization's approval, which no peer outside it can read: the
     * hashes of the organization's serialized parameters are those of these parameters (hashed
     * reads, which a commit's validation checks again).
     */
    private static boolean approved(TxSimulator simulator, String mspId, String name, CommitChaincodeDefinitionArgs parameters) {
        boolean approved = true;
        for (Map.Entry<String, ByteString> state : Approvals.parameterStates(name, parameters).entrySet()) {
            Optional<ByteString> hash = simulator.getPrivateHash(CommittedDefinitions.NAMESPACE, Approvals.collection(mspId), state.getKey());
            approved &= hash.map(Sha256.digest(state.getValue())::equals).orElse(false);
        }
        return approved;
    }

    /**
     * ApproveChaincodeDefinitionForOrg: the organization's own approval of the next sequence, read
     * first (the same parameters and package again is Fabric's "unchanged content"), then written
     * as private data of its implicit collection.
     */
    private void approveForMyOrg(TxSimulator simulator, ChaincodeDefinition definition, CommitChaincodeDefinitionArgs parameters,
                                 String packageId, long current) {
        String ns = CommittedDefinitions.NAMESPACE;
        String collection = Approvals.collection(localMspId);
        String name = definition.name();
        long sequence = definition.sequence();
        Map<String, ByteString> parameterStates = Approvals.parameterStates(name, parameters);
        Map<String, ByteString> sourceStates = Approvals.sourceStates(name, sequence, packageId);
        boolean approvedBefore = simulator.getPrivate(ns, collection, Approvals.parametersMetadataKey(name, sequence)).isPresent();
        if (sequence == current + 1 && approvedBefore
                && parameterStates.entrySet().stream().allMatch(state -> simulator.getPrivate(ns, collection, state.getKey())
                        .map(state.getValue()::equals).orElse(false))
                && simulator.getPrivate(ns, collection, Approvals.sourceMetadataKey(name, sequence)).isPresent()
                && simulator.getPrivate(ns, collection, Approvals.packageIdKey(name, sequence)).map(Approvals::packageId)
                        .map(packageId::equals).orElse(false)) {
            throw new IllegalArgumentException("attempted to redefine uncommitted sequence (" + sequence + ") for namespace " + name
                    + " with unchanged content");
        }
        simulator.getPrivate(ns, collection, Approvals.sourceMetadataKey(name, sequence));
        parameterStates.forEach((key, value) -> simulator.putPrivate(ns, collection, key, value));
        sourceStates.forEach((key, value) -> simulator.putPrivate(ns, collection, key, value));
    }

    /** The committed definition's parameters in the approvals' form, from Fabric's public keys. */
    private static ByteString committedParameters(TxSimulator simulator, String name, long sequence) {
        ChaincodeEndorsementInfo endorsement = simulator.get(CommittedDefinitions.NAMESPACE, CommittedDefinitions.fieldKey(name, "EndorsementInfo"))
                .map(bytes -> CommittedDefinitions.parse(CommittedDefinitions.parse(bytes, StateData.parser()).getBytes(),
                        ChaincodeEndorsementInfo.parser()))
                .orElseThrow(() -> new IllegalStateException("definition of " + name + " has no endorsement info"));
        ChaincodeValidationInfo validation = simulator.get(CommittedDefinitions.NAMESPACE, CommittedDefinitions.fieldKey(name, "ValidationInfo"))
                .map(bytes -> CommittedDefinitions.parse(CommittedDefinitions.parse(bytes, StateData.parser()).getBytes(),
                        ChaincodeValidationInfo.parser()))
                .orElseThrow(() -> new IllegalStateException("definition of " + name + " has no validation info"));
        org.hyperledger.fabric.protos.peer.CollectionConfigPackage collections = simulator.get(CommittedDefinitions.NAMESPACE,
                        CommittedDefinitions.fieldKey(name, "Collections"))
                .map(bytes -> CommittedDefinitions.parse(CommittedDefinitions.parse(bytes, StateData.parser()).getBytes(),
                        org.hyperledger.fabric.protos.peer.CollectionConfigPackage.parser()))
                .orElse(org.hyperledger.fabric.protos.peer.CollectionConfigPackage.getDefaultInstance());
        return CommitChaincodeDefinitionArgs.newBuilder()
                .setSequence(sequence).setVersion(endorsement.getVersion())
                .setEndorsementPlugin(endorsement.getEndorsementPlugin()).setValidationPlugin(validation.getValidationPlugin())
                .setValidationParameter(validation.getValidationParameter()).setInitRequired(endorsement.getInitRequired())
                .setCollections(collections).build().toByteString();
    }

    /** Fabric's public keys of a committed definition: metadata, Sequence, EndorsementInfo, ValidationInfo, Collections. */
    private static void write(TxSimulator simulator, ChaincodeDefinition definition) {
        CommitChaincodeDefinitionArgs p = Approvals.parse(Approvals.parameters(definition));
        String name = definition.name();
        String ns = CommittedDefinitions.NAMESPACE;
        simulator.put(ns, CommittedDefinitions.metadataKey(name), StateMetadata.newBuilder().setDatatype("ChaincodeDefinition")
                .addAllFields(List.of("Sequence", "EndorsementInfo", "ValidationInfo", "Collections")).build().toByteString());
        simulator.put(ns, CommittedDefinitions.fieldKey(name, "Sequence"), StateData.newBuilder().setInt64(p.getSequence()).build().toByteString());
        simulator.put(ns, CommittedDefinitions.fieldKey(name, "EndorsementInfo"), CommittedDefinitions.endorsementInfoState(
                ChaincodeEndorsementInfo.newBuilder().setVersion(p.getVersion()).setInitRequired(p.getInitRequired())
                        .setEndorsementPlugin(p.getEndorsementPlugin()).build()));
        simulator.put(ns, CommittedDefinitions.fieldKey(name, "ValidationInfo"), CommittedDefinitions.validationInfoState(
                ChaincodeValidationInfo.newBuilder().setValidationPlugin(p.getValidationPlugin())
                        .setValidationParameter(p.getValidationParameter()).build()));
        simulator.put(ns, CommittedDefinitions.fieldKey(name, "Collections"), CommittedDefinitions.collectionsState(p.getCollections()));
    }
}
