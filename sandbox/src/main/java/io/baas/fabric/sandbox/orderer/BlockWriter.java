package io.baas.fabric.sandbox.orderer;

import com.google.protobuf.ByteString;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.identity.Signer;
import java.util.List;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Builds the next block of a channel as Fabric's orderer does (multichannel.BlockWriter): header
 * chained to the previous one, data hash over the envelopes, five metadata entries of which the
 * orderer fills SIGNATURES (its signature over the OrdererBlockMetadata, the signature header and
 * the DER header) and LAST_CONFIG; TRANSACTIONS_FILTER and COMMIT_HASH are the peer's to fill.
 *
 * <p>The consenter metadata imitates a fresh single-node etcdraft log (consenter 1, next id 2,
 * block n at raft index n + 2), because channels are configured as etcdraft and peers and tools
 * expect its shape.
 */
final class BlockWriter {

    private static final int METADATA_ENTRIES = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;
    private static final long RAFT_INDEX_OFFSET = 2;

    private final Signer signer;
    private final Supplier<ByteString> nonces;
    private Block last;
    private long lastConfigBlock;

    BlockWriter(Signer signer, Supplier<ByteString> nonces, Block last, long lastConfigBlock) {
        this.signer = signer;
        this.nonces = nonces;
        this.last = last;
        this.lastConfigBlock = lastConfigBlock;
    }

    Block writeTransactions(List<Envelope> batch) {
        return write(batch, false);
    }

    /** A config block holds its CONFIG envelope alone and becomes the last config. */
    Block writeConfig(Envelope config) {
        return write(List.of(config), true);
    }

    private Block write(List<Envelope> batch, boolean config) {
        BlockData.Builder data = BlockData.newBuilder();
        batch.forEach(envelope -> data.addData(envelope.toByteString()));
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(last.getHeader().getNumber() + 1)
                .setPreviousHash(BlockHashes.headerHash(last.getHeader()))
                .setDataHash(BlockHashes.dataHash(data.build()))
                .build();
        if (config) {
            lastConfigBlock = header.getNumber();
        }
        Block block = Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata(header)).build();
        last = block;
        return block;
    }

    private BlockMetadata metadata(BlockHeader header) {
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_ENTRIES; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(lastConfigBlock).build();
        metadata.setMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE,
                Metadata.newBuilder().setValue(lastConfig.toByteString()).build().toByteString());
        metadata.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signatures(header, lastConfig));
        return metadata.build();
    }

    private ByteString signatures(BlockHeader header, LastConfig lastConfig) {
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(lastConfig)
                .setConsenterMetadata(Metadata.newBuilder().setValue(raftMetadata(header.getNumber())).build().toByteString())
                .build()
                .toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(signer.identity().serialized())
                .setNonce(nonces.get())
                .build()
                .toByteString();
        ByteString signature = signer.sign(value.concat(signatureHeader).concat(BlockHashes.headerBytes(header)));
        return Metadata.newBuilder()
                .setValue(value)
                .addSignatures(MetadataSignature.newBuilder().setSignatureHeader(signatureHeader).setSignature(signature))
                .build()
                .toByteString();
    }

    private static ByteString raftMetadata(long blockNumber) {
        return org.hyperledger.fabric.protos.orderer.etcdraft.BlockMetadata.newBuilder()
                .addConsenterIds(1)
                .setNextConsenterId(2)
                .setRaftIndex(blockNumber + RAFT_INDEX_OFFSET)
                .build()
                .toByteString();
    }
}
