package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.transaction.Nonces;
import io.baas.fabric.transaction.TransactionIds;
import java.time.Clock;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * The genesis block the channel participation API takes to create a channel, laid out as
 * configtxgen's {@code -outputBlock} writes it: block 0 holding one unsigned CONFIG envelope.
 */
public final class GenesisBlocks {

    // common/genesis writes channel header version 1 and epoch 0.
    private static final int CHANNEL_HEADER_VERSION = 1;
    private static final int METADATA_ENTRIES = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;

    private GenesisBlocks() {
    }

    public static Block create(ChannelDescription channel, Clock clock) {
        return create(channel.channelId(), ChannelConfigBuilder.build(channel), clock.instant(), Nonces.random());
    }

    /** The config must be a sequence-0 config; the timestamp is cut to whole seconds as Fabric does. */
    public static Block create(String channelId, Config config, Instant timestamp, ByteString nonce) {
        if (config.getSequence() != 0) {
            throw new ChannelConfigException("a genesis block needs config sequence 0, not " + config.getSequence());
        }
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setVersion(CHANNEL_HEADER_VERSION)
                .setChannelId(channelId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()))
                // No creator: configtxgen signs nothing, and the tx id hashes the nonce alone.
                .setTxId(TransactionIds.compute(nonce, ByteString.EMPTY))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder().setNonce(nonce).build().toByteString()))
                .setData(ConfigEnvelope.newBuilder().setConfig(config).build().toByteString())
                .build();
        BlockData data = BlockData.newBuilder()
                .addData(Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString())
                .build();
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(0).setDataHash(BlockHashes.dataHash(data)))
                .setData(data)
                .setMetadata(metadata())
                .build();
    }

    /** Five entries; SIGNATURES and LAST_CONFIG point at block 0 itself and carry no signature. */
    private static BlockMetadata metadata() {
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_ENTRIES; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        LastConfig first = LastConfig.newBuilder().setIndex(0).build();
        metadata.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, Metadata.newBuilder()
                .setValue(OrdererBlockMetadata.newBuilder().setLastConfig(first).build().toByteString())
                .build().toByteString());
        metadata.setMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE, Metadata.newBuilder()
                .setValue(first.toByteString())
                .build().toByteString());
        return metadata.build();
    }
}
