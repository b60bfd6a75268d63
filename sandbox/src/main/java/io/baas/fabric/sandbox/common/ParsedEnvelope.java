package io.baas.fabric.sandbox.common;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.SignedData;
import java.time.Instant;
import java.util.Optional;
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

    /** The creator as an identity, or empty when it cannot be read (policies then see no signer). */
    public Optional<FabricIdentity> creatorIdentity() {
        try {
            return Optional.of(FabricIdentity.fromSerialized(creator()));
        } catch (IdentityException e) {
            return Optional.empty();
        }
    }

    /** True when the creator's certificate is no longer valid; an unreadable creator is left to the policy. */
    public boolean creatorExpired(Instant now) {
        return creatorIdentity().map(creator -> !now.isBefore(creator.certificate().getNotAfter().toInstant())).orElse(false);
    }

    /** The creator's signature over the payload, as policies take it. */
    public Optional<SignedData> signedData() {
        return creatorIdentity().map(creator -> new SignedData(envelope.getPayload(), creator, envelope.getSignature()));
    }

    public static <T> T parse(Parser<T> parser, ByteString bytes, String what) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new RejectedException(Status.BAD_REQUEST, "cannot decode " + what + ": " + e.getMessage());
        }
    }
}
