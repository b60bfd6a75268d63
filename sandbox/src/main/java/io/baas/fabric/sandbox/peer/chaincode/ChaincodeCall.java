package io.baas.fabric.sandbox.peer.chaincode;

import com.google.protobuf.ByteString;
import io.baas.fabric.sandbox.peer.endorser.UnpackedProposal;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * What one chaincode execution sees through its stub: the chaincode's namespace, the proposal
 * (arguments, transaction id, creator, timestamp, transient data), the simulator over the channel's
 * state, and the peer's MSP ID. It collects the event the chaincode sets (the last one wins, as in
 * Fabric's shim).
 */
public final class ChaincodeCall {

    private final String namespace;
    private final UnpackedProposal proposal;
    private final TxSimulator simulator;
    private final String localMspId;
    private ChaincodeEvent event;
    private boolean written;
    private boolean paginated;

    public ChaincodeCall(String namespace, UnpackedProposal proposal, TxSimulator simulator, String localMspId) {
        this.namespace = namespace;
        this.proposal = proposal;
        this.simulator = simulator;
        this.localMspId = localMspId;
    }

    public String namespace() {
        return namespace;
    }

    public UnpackedProposal proposal() {
        return proposal;
    }

    public TxSimulator simulator() {
        return simulator;
    }

    public String localMspId() {
        return localMspId;
    }

    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    void setEvent(String name, ByteString payload) {
        event = ChaincodeEvent.newBuilder().setEventName(name).setPayload(payload).build();
    }

    /**
     * Fabric's simulator refuses paginated queries in a transaction that writes, and writes after a
     * paginated query: pagination is for read-only transactions.
     */
    void beforeWrite() {
        if (paginated) {
            throw new IllegalStateException("txid [" + proposal.txId() + "]: unsuppored transaction. Queries with pagination are"
                    + " supported only in a read-only transaction");
        }
        written = true;
    }

    void beforePaginatedQuery() {
        if (written) {
            throw new IllegalStateException("txid [" + proposal.txId() + "]: unsuppored transaction. Queries with pagination are"
                    + " supported only in a read-only transaction");
        }
        paginated = true;
    }
}
