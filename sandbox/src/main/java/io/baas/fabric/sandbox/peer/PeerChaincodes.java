package io.baas.fabric.sandbox.peer;

import io.baas.fabric.sandbox.peer.chaincode.ChaincodeCall;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeRunner;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Invocation;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.ledger.VersionedValue;
import io.baas.fabric.sandbox.peer.lifecycle.Approvals;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.sandbox.peer.lifecycle.InstalledPackages;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;

/**
 * The peer's chaincodes: its system chaincodes by name, and user chaincodes through their committed
 * definition. As in Fabric, every user chaincode call reads the definition's sequence, so a
 * transaction endorsed under one definition conflicts with a later upgrade.
 */
final class PeerChaincodes implements Chaincodes {

    private final Map<String, SystemChaincode> system;
    private final InstalledPackages installed;
    private final String localMspId;

    PeerChaincodes(Map<String, SystemChaincode> system, InstalledPackages installed, String localMspId) {
        this.system = Map.copyOf(system);
        this.installed = installed;
        this.localMspId = localMspId;
    }

    @Override
    public Optional<SystemChaincode> system(String name) {
        return Optional.ofNullable(system.get(name));
    }

    @Override
    public String definedVersion(Invocation invocation) {
        String name = invocation.proposal().chaincodeName();
        TxSimulator simulator = invocation.simulator().orElseThrow();
        if (CommittedDefinitions.sequence(simulator.get(CommittedDefinitions.NAMESPACE,
                CommittedDefinitions.fieldKey(name, "Sequence"))) == 0) {
            throw new IllegalStateException("chaincode definition for '" + name + "' not found");
        }
        return CommittedDefinitions.endorsementInfo(invocation.channel().orElseThrow().peerLedger().state(), name)
                .map(ChaincodeEndorsementInfo::getVersion)
                .orElseThrow(() -> new IllegalStateException("chaincode definition for '" + name + "' has no endorsement info"));
    }

    /**
     * Runs the package this peer's organization approved for the committed sequence, as Fabric's
     * chaincode support resolves it from the organization's approval (its implicit collection, or
     * a public key the sandbox wrote before it had private data); a definition without an
     * installed package is Fabric's "exists, but chaincode is not installed".
     */
    @Override
    public ChaincodeResult execute(Invocation invocation) {
        String name = invocation.proposal().chaincodeName();
        TxSimulator simulator = invocation.simulator().orElseThrow();
        long sequence = CommittedDefinitions.sequence(simulator.peek(CommittedDefinitions.NAMESPACE,
                CommittedDefinitions.fieldKey(name, "Sequence")).map(VersionedValue::value));
        var state = invocation.channel().orElseThrow().peerLedger().state();
        Optional<ChaincodeRunner> jar = state.privateValue(CommittedDefinitions.NAMESPACE, Approvals.collection(localMspId),
                        Approvals.packageIdKey(name, sequence)).map(value -> Approvals.packageId(value.value()))
                .or(() -> simulator.peek(CommittedDefinitions.NAMESPACE, Approvals.legacyPackageKey(localMspId, name, sequence))
                        .map(value -> value.value().toStringUtf8()))
                .filter(packageId -> !packageId.isEmpty())
                .flatMap(installed::jar);
        if (jar.isEmpty()) {
            return ChaincodeResult.error("chaincode definition for '" + name + "' exists, but chaincode is not installed");
        }
        var channel = invocation.channel().orElseThrow();
        return jar.get().invoke(new ChaincodeCall(name, invocation.proposal(), simulator, localMspId, channel.config(),
                channel.peerLedger().state()));
    }
}
