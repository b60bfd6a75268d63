package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.common.RejectedException;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.FabricDataException;
import io.baas.fabric.configtx.ConfigUpdateApplier;
import io.baas.fabric.configtx.ConfigUpdateAuthorization;
import io.baas.fabric.configtx.ConfigUpdateEnvelopes;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.policy.SignerIdentity;
import io.baas.fabric.sandbox.SandboxException;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Turns a CONFIG_UPDATE into the CONFIG transaction the orderer orders, as the standard channel's
 * ProcessConfigUpdateMsg does: filters, the configtx validator's checks against the current mod
 * policies, the new config, and a CONFIG envelope the orderer signs, which passes the filters again.
 * Fabric classifies these failures BAD_REQUEST unless a filter said FORBIDDEN.
 */
final class ConfigUpdateProcessor {

    /** The CONFIG envelope to write and the channel state it leads to. */
    record ConfigTransaction(Envelope envelope, ChannelState next) {
    }

    private ConfigUpdateProcessor() {
    }

    static ConfigTransaction process(ParsedEnvelope message, ChannelState state, Signer orderer, Instant now, ByteString nonce) {
        try {
            EnvelopeFilters.apply(message, state, now);
        } catch (RejectedException e) {
            throw e.prefixed("config update for existing channel did not pass initial checks");
        }
        String channelId = message.channelId();
        Config next = propose(message, state, channelId);
        ChannelState nextState;
        try {
            nextState = ChannelState.of(next);
        } catch (SandboxException e) {
            throw rejected(channelId, "the resulting config is invalid: " + e.getMessage());
        }
        ConfigEnvelope configEnvelope = ConfigEnvelope.newBuilder().setConfig(next).setLastUpdate(message.envelope()).build();
        Envelope config = signedConfigEnvelope(channelId, configEnvelope, orderer, now, nonce);
        try {
            EnvelopeFilters.apply(ParsedEnvelope.parse(config), state, now);
        } catch (RejectedException e) {
            throw e.prefixed("config update for existing channel did not pass final checks");
        }
        return new ConfigTransaction(config, nextState);
    }

    private static Config propose(ParsedEnvelope message, ChannelState state, String channelId) {
        ConfigUpdateEnvelope updateEnvelope;
        ConfigUpdate update;
        try {
            updateEnvelope = ConfigUpdateEnvelope.parseFrom(message.payload().getData());
            update = ConfigUpdateEnvelopes.decode(updateEnvelope);
        } catch (com.google.protobuf.InvalidProtocolBufferException | FabricDataException e) {
            throw rejected(channelId, "error converting envelope to config update: " + e.getMessage());
        }
        if (!update.getChannelId().equals(channelId)) {
            throw rejected(channelId, "error authorizing update: ConfigUpdate for channel '" + update.getChannelId()
                    + "' but envelope for channel '" + channelId + "'");
        }
        try {
            List<SignerIdentity> signers = state.msps().verifiedSigners(ConfigUpdateEnvelopes.signatures(updateEnvelope));
            ConfigUpdateAuthorization.authorize(state.config(), update, signers);
            return ConfigUpdateApplier.apply(state.config(), update);
        } catch (FabricDataException e) {
            throw rejected(channelId, "error authorizing update: " + e.getMessage());
        }
    }

    /** Version 0, epoch 0, whole-second timestamp and no tx id: protoutil.CreateSignedEnvelope as the orderer calls it. */
    private static Envelope signedConfigEnvelope(String channelId, ConfigEnvelope configEnvelope, Signer orderer, Instant now,
            ByteString nonce) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setChannelId(channelId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(orderer.identity().serialized())
                .setNonce(nonce)
                .build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(configEnvelope.toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(orderer.sign(payload)).build();
    }

    private static RejectedException rejected(String channelId, String problem) {
        return new RejectedException(Status.BAD_REQUEST,
                "error applying config update to existing channel '" + channelId + "': " + problem);
    }
}
