package io.baas.fabric.sandbox;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.transaction.Nonces;
import io.baas.fabric.transaction.TransactionIds;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * The project's own orderer client ({@link io.baas.fabric.admin.OrdererClient}) on the loopback
 * node, trusting the orderer's TLS CA, plus the envelopes the tests send.
 */
public final class OrdererClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final io.baas.fabric.admin.OrdererClient client;

    public OrdererClient(int port, X509Certificate tlsCa) {
        this.client = new io.baas.fabric.admin.OrdererClient("127.0.0.1", port, List.of(tlsCa), java.util.Optional.empty(), WAIT);
    }

    /** One envelope on a fresh Broadcast stream, and its answer. */
    public BroadcastResponse broadcast(Envelope envelope) {
        return client.broadcast(envelope);
    }

    /** Delivered blocks up to the status that ends the request. */
    public record Delivery(List<Block> blocks, Status status) {
    }

    public Delivery deliver(Envelope seekRequest) {
        io.baas.fabric.admin.OrdererClient.Delivery delivery = client.deliver(seekRequest);
        return new Delivery(delivery.blocks(), delivery.status());
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

    @Override
    public void close() {
        client.close();
    }
}
