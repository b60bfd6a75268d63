package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.Protos;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.identity.Signer;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Wraps a ConfigUpdate for the orderer as {@code peer channel signconfigtx} and
 * {@code peer channel update} do: admins sign the update's bytes, one submitter signs the envelope.
 * The update is serialized once and those bytes travel with the signatures, because a
 * re-serialization may order map entries differently and so break every signature.
 */
public final class ConfigUpdateEnvelopes {

    private ConfigUpdateEnvelopes() {
    }

    public static ConfigUpdateEnvelope unsigned(ConfigUpdate update) {
        return ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString()).build();
    }

    /** Adds an admin's ConfigSignature: a signature over its signature header followed by the update bytes. */
    public static ConfigUpdateEnvelope sign(ConfigUpdateEnvelope envelope, Signer admin, ByteString nonce) {
        ByteString signatureHeader = signatureHeader(admin, nonce).toByteString();
        ByteString signature = admin.sign(signatureHeader.concat(envelope.getConfigUpdate()));
        return envelope.toBuilder()
                .addSignatures(ConfigSignature.newBuilder().setSignatureHeader(signatureHeader).setSignature(signature))
                .build();
    }

    /**
     * The CONFIG_UPDATE transaction to broadcast: channel header version 0, epoch 0, a whole-second
     * timestamp and no tx id, as the peer CLI sends it, signed by the submitter.
     */
    public static Envelope submit(String channelId, ConfigUpdateEnvelope envelope, Signer submitter, Instant timestamp,
            ByteString nonce) {
        String updateChannel = decode(envelope).getChannelId();
        if (!updateChannel.equals(channelId)) {
            // The orderer would refuse it: "ConfigUpdate for channel 'x' but envelope for channel 'y'".
            throw new ChannelConfigException("config update is for channel '" + updateChannel
                    + "' but the envelope for channel '" + channelId + "'");
        }
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_UPDATE_VALUE)
                .setChannelId(channelId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()))
                .build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader(submitter, nonce).toByteString()))
                .setData(envelope.toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(submitter.sign(payload)).build();
    }

    /** The admins' signatures as the data they cover, for verification and policy evaluation. */
    public static List<SignedData> signatures(ConfigUpdateEnvelope envelope) {
        return envelope.getSignaturesList().stream()
                .map(signature -> {
                    SignatureHeader header = Protos.parse(SignatureHeader.parser(), signature.getSignatureHeader(),
                            "config signature header", ChannelConfigException::new);
                    return new SignedData(signature.getSignatureHeader().concat(envelope.getConfigUpdate()),
                            signer(header.getCreator()), signature.getSignature());
                })
                .toList();
    }

    public static ConfigUpdate decode(ConfigUpdateEnvelope envelope) {
        return Protos.parse(ConfigUpdate.parser(), envelope.getConfigUpdate(), "config update", ChannelConfigException::new);
    }

    private static SignatureHeader signatureHeader(Signer signer, ByteString nonce) {
        return SignatureHeader.newBuilder().setCreator(signer.identity().serialized()).setNonce(nonce).build();
    }

    private static FabricIdentity signer(ByteString creator) {
        try {
            return FabricIdentity.fromSerialized(creator);
        } catch (IdentityException e) {
            throw new ChannelConfigException("config signature creator: " + e.getMessage(), e);
        }
    }
}
