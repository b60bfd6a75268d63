package io.baas.fabric.sandbox.peer;

import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import io.baas.fabric.sandbox.peer.endorser.Chaincodes;
import io.baas.fabric.sandbox.peer.endorser.Invocation;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
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

    PeerChaincodes(Map<String, SystemChaincode> system) {
        this.system = Map.copyOf(system);
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

    @Override
    public ChaincodeResult execute(Invocation invocation) {
        return ChaincodeResult.error("chaincode '" + invocation.proposal().chaincodeName()
                + "' is defined but this peer has no installed package to run it");
    }
}
