package io.baas.fabric.sandbox;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.tls.TlsMaterial;
import io.baas.fabric.transaction.Nonces;
import io.baas.fabric.transaction.TransactionIds;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/** Raw fabric-protos AtomicBroadcast stubs over TLS trusting the orderer's TLS CA, with bounded waits. */
public final class OrdererClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ManagedChannel channel;

    public OrdererClient(int port, X509Certificate tlsCa) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port,
                        TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(List.of(tlsCa))).build())
                .build();
    }

    /** One envelope on a fresh Broadcast stream, and its answer. */
    public BroadcastResponse broadcast(Envelope envelope) throws InterruptedException {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).broadcast(collector(answers));
        requests.onNext(envelope);
        Object answer = answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        requests.onCompleted();
        if (!(answer instanceof BroadcastResponse response)) {
            throw new AssertionError("no broadcast response but " + answer);
        }
        return response;
    }

    /** Delivered blocks up to the status that ends the request. */
    public record Delivery(List<Block> blocks, Status status) {
    }

    public Delivery deliver(Envelope seekRequest) throws InterruptedException {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).deliver(collector(answers));
        requests.onNext(seekRequest);
        List<Block> blocks = new ArrayList<>();
        while (true) {
            Object answer = answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!(answer instanceof DeliverResponse response)) {
                throw new AssertionError("deliver stream ended without a status: " + answer + " after " + blocks.size() + " blocks");
            }
            if (response.hasBlock()) {
                blocks.add(response.getBlock());
            } else {
                requests.onCompleted();
                return new Delivery(blocks, response.getStatus());
            }
        }
    }

    /** An ENDORSER_TRANSACTION envelope signed by its creator, carrying an empty Transaction. */
    public static Envelope transaction(Signer creator, String channelId, Instant now) {
        return transaction(creator, channelId, now, org.hyperledger.fabric.protos.peer.Transaction.getDefaultInstance().toByteString());
    }

    /** The orderer does not look inside the data; the size filter and cutter count it. */
    public static Envelope transaction(Signer creator, String channelId, Instant now, ByteString data) {
        ByteString nonce = Nonces.random();
        return envelope(creator, ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channelId)
                .setTxId(TransactionIds.compute(nonce, creator.identity().serialized()))
                .setTimestamp(timestamp(now))
                .build(), nonce, data);
    }

    public static Envelope seek(Signer creator, String channelId, Instant now, SeekPosition start, SeekPosition stop,
            SeekInfo.SeekBehavior behavior) {
        SeekInfo seekInfo = SeekInfo.newBuilder().setStart(start).setStop(stop).setBehavior(behavior).build();
        return envelope(creator, ChannelHeader.newBuilder()
                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channelId)
                .setTimestamp(timestamp(now))
                .build(), Nonces.random(), seekInfo.toByteString());
    }

    public static SeekPosition oldest() {
        return SeekPosition.newBuilder().setOldest(org.hyperledger.fabric.protos.orderer.SeekOldest.getDefaultInstance()).build();
    }

    public static SeekPosition newest() {
        return SeekPosition.newBuilder().setNewest(org.hyperledger.fabric.protos.orderer.SeekNewest.getDefaultInstance()).build();
    }

    public static SeekPosition block(long number) {
        return SeekPosition.newBuilder()
                .setSpecified(org.hyperledger.fabric.protos.orderer.SeekSpecified.newBuilder().setNumber(number)).build();
    }

    static Envelope envelope(Signer creator, ChannelHeader channelHeader, ByteString nonce, ByteString data) {
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(creator.identity().serialized()).setNonce(nonce).build().toByteString()))
                .setData(data)
                .build()
                .toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(creator.sign(payload)).build();
    }

    private static Timestamp timestamp(Instant now) {
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static <T> StreamObserver<T> collector(BlockingQueue<Object> answers) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {
                answers.add("completed");
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
    }
}
