package io.baas.chaincode.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.baas.chaincode.common.Identity;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The peer's side of the chaincode protocol, as Fabric's chaincode handler plays it against a
 * chaincode-as-a-service server: the peer dials and opens {@code Chaincode/Connect}; the chaincode
 * sends REGISTER with its ID, the peer answers REGISTERED then READY; for each TRANSACTION the
 * chaincode asks GET_STATE / PUT_STATE / DEL_STATE (each answered by a RESPONSE with the same
 * channel and transaction ID) and ends with COMPLETED carrying the chaincode's Response. The
 * state here is one namespace; a transaction's writes are committed when it succeeds.
 */
final class PlayedPeer implements AutoCloseable {

    static final String CHANNEL = "mychannel";

    record Outcome(Response response, ChaincodeEvent event, Map<String, ByteString> writes) {
    }

    private final ManagedChannel channel;
    private final StreamObserver<ChaincodeMessage> toChaincode;
    private final BlockingQueue<Object> fromChaincode = new LinkedBlockingQueue<>();
    private final Map<String, ByteString> state = new HashMap<>();
    private final String chaincodeId;
    private int transactions;

    /** Dials the server and completes the registration. */
    PlayedPeer(String host, int port) throws InterruptedException, InvalidProtocolBufferException {
        channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        toChaincode = ChaincodeGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ChaincodeMessage message) {
                fromChaincode.add(message);
            }

            @Override
            public void onError(Throwable t) {
                fromChaincode.add(t);
            }

            @Override
            public void onCompleted() {
                fromChaincode.add("stream completed");
            }
        });
        ChaincodeMessage register = next();
        if (register.getType() != ChaincodeMessage.Type.REGISTER) {
            throw new AssertionError("expected REGISTER first, got " + register);
        }
        chaincodeId = ChaincodeID.parseFrom(register.getPayload()).getName();
        toChaincode.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
        toChaincode.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());
    }

    /** The name the chaincode registered with. */
    String chaincodeId() {
        return chaincodeId;
    }

    Map<String, ByteString> state() {
        return state;
    }

    /** One transaction by {@code creator} at {@code timestamp}: function name first, then its arguments. */
    Outcome invoke(Identity creator, Instant timestamp, String... args) throws Exception {
        String txId = String.format("%064x", ++transactions);
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        Arrays.stream(args).forEach(arg -> input.addArgs(ByteString.copyFromUtf8(arg)));
        toChaincode.onNext(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.TRANSACTION)
                .setTxid(txId)
                .setChannelId(CHANNEL)
                .setPayload(input.build().toByteString())
                .setProposal(proposal(creator, timestamp, txId, input.build()))
                .build());
        Map<String, ByteString> writes = new LinkedHashMap<>();
        while (true) {
            ChaincodeMessage message = next();
            if (!message.getTxid().equals(txId) || !message.getChannelId().equals(CHANNEL)) {
                throw new AssertionError("message for another transaction: " + message);
            }
            ByteString answer = ByteString.EMPTY;
            switch (message.getType()) {
                case GET_STATE -> {
                    GetState get = GetState.parseFrom(message.getPayload());
                    answer = state.getOrDefault(get.getKey(), ByteString.EMPTY);
                }
                case PUT_STATE -> {
                    PutState put = PutState.parseFrom(message.getPayload());
                    writes.put(put.getKey(), put.getValue());
                }
                case DEL_STATE -> writes.put(DelState.parseFrom(message.getPayload()).getKey(), ByteString.EMPTY);
                case COMPLETED -> {
                    Response response = Response.parseFrom(message.getPayload());
                    if (response.getStatus() == 200) {
                        writes.forEach((key, value) -> {
                            if (value.isEmpty()) {
                                state.remove(key);
                            } else {
                                state.put(key, value);
                            }
                        });
                    }
                    return new Outcome(response, message.hasChaincodeEvent() ? message.getChaincodeEvent() : null, writes);
                }
                default -> throw new AssertionError("unexpected message from the chaincode: " + message);
            }
            toChaincode.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.RESPONSE)
                    .setTxid(txId)
                    .setChannelId(CHANNEL)
                    .setPayload(answer)
                    .build());
        }
    }

    /** The signed proposal the shim reads the creator and the timestamp from (the signature is not checked there). */
    private static SignedProposal proposal(Identity creator, Instant timestamp, String txId, ChaincodeInput input) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()).setNanos(timestamp.getNano()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creator.serialized()))
                .setNonce(ByteString.copyFromUtf8("nonce-" + txId.substring(56)))
                .build();
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder().setInput(input)).build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()).build().toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder().setInput(invocation.toByteString()).build().toByteString())
                .build();
        return SignedProposal.newBuilder().setProposalBytes(proposal.toByteString()).build();
    }

    private ChaincodeMessage next() throws InterruptedException {
        Object item = fromChaincode.poll(30, TimeUnit.SECONDS);
        if (item instanceof ChaincodeMessage message) {
            return message;
        }
        if (item instanceof Throwable t) {
            throw new AssertionError("the chaincode stream failed", t);
        }
        throw new AssertionError(item == null ? "no message from the chaincode within 30 s" : String.valueOf(item));
    }

    @Override
    public void close() throws InterruptedException {
        toChaincode.onCompleted();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
