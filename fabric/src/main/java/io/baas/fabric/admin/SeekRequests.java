package io.baas.fabric.admin;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.transaction.Nonces;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/** Signed Deliver requests, as {@code peer channel fetch} sends them: one block, answered at once. */
public final class SeekRequests {

    private SeekRequests() {
    }

    public static Envelope newest(Signer signer, String channelId, Instant now) {
        SeekPosition newest = SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
        return request(signer, channelId, now, newest);
    }

    public static Envelope block(Signer signer, String channelId, Instant now, long number) {
        SeekPosition specified = SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number)).build();
        return request(signer, channelId, now, specified);
    }

    /** Every block from {@code from} on, as they are written (a peer's deliver client). */
    public static Envelope from(Signer signer, String channelId, Instant now, long from) {
        SeekInfo seek = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(from)))
                .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(Long.MAX_VALUE)))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .build();
        return signed(signer, channelId, now, seek);
    }

    private static Envelope request(Signer signer, String channelId, Instant now, SeekPosition position) {
        return signed(signer, channelId, now, SeekInfo.newBuilder().setStart(position).setStop(position)
                .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY).build());
    }

    private static Envelope signed(Signer signer, String channelId, Instant now, SeekInfo seek) {
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                                .setChannelId(channelId)
                                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                                .build().toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(signer.identity().serialized())
                                .setNonce(Nonces.random())
                                .build().toByteString()))
                .setData(seek.toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(signer.sign(payload)).build();
    }
}
