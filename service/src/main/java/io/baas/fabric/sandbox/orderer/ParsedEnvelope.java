package io.baas.fabric.sandbox.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;

/** An envelope with its payload and headers decoded; anything undecodable is a BAD_REQUEST. */
public record ParsedEnvelope(Envelope envelope, Payload payload, ChannelHeader channelHeader, SignatureHeader signatureHeader) {

    public static ParsedEnvelope parse(Envelope envelope) {
        Payload payload = parse(Payload.parser(), envelope.getPayload(), "payload");
        if (!payload.hasHeader()) {
            throw new RejectedException(Status.BAD_REQUEST, "envelope has no header");
        }
        return new ParsedEnvelope(envelope, payload,
                parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader(), "channel header"),
                parse(SignatureHeader.parser(), payload.getHeader().getSignatureHeader(), "signature header"));
    }

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public ByteString creator() {
        return signatureHeader.getCreator();
    }

    static <T> T parse(Parser<T> parser, ByteString bytes, String what) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new RejectedException(Status.BAD_REQUEST, "cannot decode " + what + ": " + e.getMessage());
        }
    }
}
