package io.baas.fabric.sandbox.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.sandbox.common.DeliverHandler;
import io.baas.fabric.sandbox.common.DeliverStream;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The peer's Deliver service: committed blocks (with the peer's transactions filter) and filtered
 * blocks (per transaction: id, header type, validation code and the chaincode event without its
 * payload, as Fabric's FilteredBlock), seek handling and /Channel/Application/Readers shared with
 * the orderer's deliver code, as is the stream itself ({@link DeliverStream}).
 */
final class PeerDeliverService extends DeliverGrpc.DeliverImplBase {

    private final DeliverStream<DeliverResponse> blocks;
    private final DeliverStream<DeliverResponse> filteredBlocks;

    PeerDeliverService(DeliverHandler handler, ExecutorService threads) {
        this.blocks = new DeliverStream<>(handler, threads, block -> DeliverResponse.newBuilder().setBlock(block).build(),
                PeerDeliverService::statusResponse);
        this.filteredBlocks = new DeliverStream<>(handler, threads,
                block -> DeliverResponse.newBuilder().setFilteredBlock(filter(block)).build(), PeerDeliverService::statusResponse);
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return blocks.open(responses);
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
        return filteredBlocks.open(responses);
    }

    private static DeliverResponse statusResponse(Status status) {
        return DeliverResponse.newBuilder().setStatus(status).build();
    }

    /** Fabric's FilteredBlock of a committed block. */
    static FilteredBlock filter(Block block) {
        ByteString codes = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder().setNumber(block.getHeader().getNumber());
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            try {
                Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
                ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                filtered.setChannelId(header.getChannelId());
                FilteredTransaction.Builder tx = FilteredTransaction.newBuilder()
                        .setTxid(header.getTxId())
                        .setType(HeaderType.forNumber(header.getType()) == null ? HeaderType.MESSAGE : HeaderType.forNumber(header.getType()))
                        .setTxValidationCode(i < codes.size() ? TxValidationCode.forNumber(codes.byteAt(i) & 0xff) : TxValidationCode.NOT_VALIDATED);
                if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
                    for (var action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                        ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(
                                actionPayload.getAction().getProposalResponsePayload()).getExtension());
                        FilteredChaincodeAction.Builder filteredAction = FilteredChaincodeAction.newBuilder();
                        if (!chaincodeAction.getEvents().isEmpty()) {
                            filteredAction.setChaincodeEvent(ChaincodeEvent.parseFrom(chaincodeAction.getEvents()).toBuilder()
                                    .clearPayload().build());
                        }
                        actions.addChaincodeActions(filteredAction);
                    }
                    tx.setTransactionActions(actions);
                }
                filtered.addFilteredTransactions(tx);
            } catch (InvalidProtocolBufferException e) {
                filtered.addFilteredTransactions(FilteredTransaction.newBuilder().setTxValidationCode(TxValidationCode.BAD_PAYLOAD));
            }
        }
        return filtered.build();
    }
}
