package io.baas.fabric.block;

import static io.baas.fabric.block.BlockParts.identity;
import static io.baas.fabric.block.BlockParts.parse;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.SignedData;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/** Unpacks an ENDORSER_TRANSACTION payload down to calls, results, events and endorsements. */
final class EndorserTransactionDecoder {

    private EndorserTransactionDecoder() {
    }

    static List<TransactionAction> decode(ByteString payloadData) {
        Transaction transaction = parse(Transaction.parser(), payloadData, "endorser transaction");
        return transaction.getActionsList().stream()
                .map(action -> action(parse(ChaincodeActionPayload.parser(), action.getPayload(), "chaincode action payload")))
                .toList();
    }

    private static TransactionAction action(ChaincodeActionPayload actionPayload) {
        ByteString responsePayloadBytes = actionPayload.getAction().getProposalResponsePayload();
        ProposalResponsePayload responsePayload = parse(ProposalResponsePayload.parser(), responsePayloadBytes,
                "proposal response payload");
        ChaincodeAction chaincodeAction = parse(ChaincodeAction.parser(), responsePayload.getExtension(), "chaincode action");
        return new TransactionAction(
                call(actionPayload.getChaincodeProposalPayload()),
                new ChaincodeResponse(
                        chaincodeAction.getChaincodeId().getName(),
                        chaincodeAction.getChaincodeId().getVersion(),
                        chaincodeAction.getResponse().getStatus(),
                        chaincodeAction.getResponse().getMessage(),
                        chaincodeAction.getResponse().getPayload()),
                ReadWriteSetDecoder.decode(chaincodeAction.getResults()),
                event(chaincodeAction.getEvents()),
                actionPayload.getAction().getEndorsementsList().stream()
                        .map(endorsement -> endorsement(responsePayloadBytes, endorsement))
                        .toList());
    }

    private static ChaincodeCall call(ByteString proposalPayload) {
        ChaincodeProposalPayload payload = parse(ChaincodeProposalPayload.parser(), proposalPayload, "chaincode proposal payload");
        ChaincodeSpec spec = parse(ChaincodeInvocationSpec.parser(), payload.getInput(), "chaincode invocation spec")
                .getChaincodeSpec();
        return new ChaincodeCall(spec.getChaincodeId().getName(), spec.getType(), spec.getInput().getIsInit(),
                List.copyOf(spec.getInput().getArgsList()));
    }

    private static Optional<ChaincodeEventData> event(ByteString events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        ChaincodeEvent event = parse(ChaincodeEvent.parser(), events, "chaincode event");
        return Optional.of(new ChaincodeEventData(event.getChaincodeId(), event.getTxId(), event.getEventName(), event.getPayload()));
    }

    /** An endorser signs the proposal response payload followed by its own serialized identity. */
    private static SignedData endorsement(ByteString responsePayload, Endorsement endorsement) {
        return new SignedData(responsePayload.concat(endorsement.getEndorser()),
                identity(endorsement.getEndorser(), "endorser"), endorsement.getSignature());
    }
}
