package io.baas.fabric.block;

import static io.baas.fabric.block.BlockParts.identity;
import static io.baas.fabric.block.BlockParts.optionalIdentity;
import static io.baas.fabric.block.BlockParts.parse;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.SignedData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Decodes one envelope of a block's data. */
final class EnvelopeDecoder {

    private EnvelopeDecoder() {
    }

    static DecodedTransaction decode(int index, ByteString envelopeBytes, TxValidationCode validationCode) {
        Envelope envelope = parse(Envelope.parser(), envelopeBytes, "envelope " + index);
        Payload payload = parse(Payload.parser(), envelope.getPayload(), "payload of envelope " + index);
        ChannelHeader channelHeader = parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader(), "channel header");
        SignatureHeader signatureHeader = parse(SignatureHeader.parser(), payload.getHeader().getSignatureHeader(), "signature header");
        Optional<FabricIdentity> creator = optionalIdentity(signatureHeader.getCreator(), "transaction creator");
        HeaderType type = HeaderType.forNumber(channelHeader.getType());
        if (type == null) {
            throw new BlockDecodingException("envelope " + index + " has unknown header type " + channelHeader.getType());
        }
        return new DecodedTransaction(
                index,
                channelHeader.getTxId(),
                type,
                channelHeader.getVersion(),
                channelHeader.getChannelId(),
                Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos()),
                signatureHeader.getNonce(),
                creator,
                creator.map(identity -> new SignedData(envelope.getPayload(), identity, envelope.getSignature())),
                validationCode,
                type == HeaderType.ENDORSER_TRANSACTION ? EndorserTransactionDecoder.decode(payload.getData()) : List.of(),
                type == HeaderType.CONFIG ? Optional.of(config(payload.getData())) : Optional.empty());
    }

    private static ConfigTransaction config(ByteString payloadData) {
        ConfigEnvelope configEnvelope = parse(ConfigEnvelope.parser(), payloadData, "config envelope");
        Optional<ConfigUpdateTransaction> lastUpdate = configEnvelope.hasLastUpdate()
                ? Optional.of(configUpdate(configEnvelope.getLastUpdate()))
                : Optional.empty();
        return new ConfigTransaction(configEnvelope.getConfig().getSequence(), configEnvelope.getConfig(), lastUpdate);
    }

    private static ConfigUpdateTransaction configUpdate(Envelope envelope) {
        Payload payload = parse(Payload.parser(), envelope.getPayload(), "last update payload");
        SignatureHeader signatureHeader = parse(SignatureHeader.parser(), payload.getHeader().getSignatureHeader(),
                "last update signature header");
        ConfigUpdateEnvelope updateEnvelope = parse(ConfigUpdateEnvelope.parser(), payload.getData(), "config update envelope");
        ByteString updateBytes = updateEnvelope.getConfigUpdate();
        return new ConfigUpdateTransaction(
                new SignedData(envelope.getPayload(), identity(signatureHeader.getCreator(), "config update creator"),
                        envelope.getSignature()),
                updateEnvelope.getSignaturesList().stream().map(signature -> configSignature(signature, updateBytes)).toList(),
                updateBytes,
                parse(ConfigUpdate.parser(), updateBytes, "config update"));
    }

    /** An admin signs its signature header followed by the config update bytes. */
    private static SignedData configSignature(ConfigSignature signature, ByteString updateBytes) {
        SignatureHeader header = parse(SignatureHeader.parser(), signature.getSignatureHeader(), "config signature header");
        return new SignedData(signature.getSignatureHeader().concat(updateBytes),
                identity(header.getCreator(), "config signer"), signature.getSignature());
    }
}
