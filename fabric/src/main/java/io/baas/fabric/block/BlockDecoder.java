package io.baas.fabric.block;

import static io.baas.fabric.block.BlockParts.parse;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Turns a Fabric block into the values the explorer shows and the validators check. */
public final class BlockDecoder {

    private BlockDecoder() {
    }

    public static DecodedBlock decode(byte[] blockBytes) {
        return decode(parse(Block.parser(), ByteString.copyFrom(blockBytes), "block"));
    }

    public static DecodedBlock decode(Block block) {
        if (!block.hasHeader() || !block.hasData() || !block.hasMetadata()) {
            throw new BlockDecodingException("block lacks its header, data or metadata");
        }
        DecodedMetadata metadata = MetadataDecoder.decode(block.getHeader(), block.getMetadata());
        List<ByteString> envelopes = block.getData().getDataList();
        if (!metadata.validationCodes().isEmpty() && metadata.validationCodes().size() != envelopes.size()) {
            throw new BlockDecodingException("block " + block.getHeader().getNumber() + " has " + envelopes.size()
                    + " transactions but " + metadata.validationCodes().size() + " validation codes");
        }
        List<DecodedTransaction> transactions = new ArrayList<>(envelopes.size());
        for (int i = 0; i < envelopes.size(); i++) {
            transactions.add(EnvelopeDecoder.decode(i, envelopes.get(i), validationCode(metadata, i)));
        }
        ByteString dataHash = block.getHeader().getDataHash();
        return new DecodedBlock(
                block.getHeader().getNumber(),
                BlockHashes.headerHash(block.getHeader()),
                block.getHeader().getPreviousHash(),
                dataHash,
                dataHash.equals(BlockHashes.dataHash(block.getData())),
                List.copyOf(transactions),
                metadata);
    }

    /** Only the metadata: orderer signatures, last config, validation codes, commit hash. */
    public static DecodedMetadata decodeMetadata(Block block) {
        return MetadataDecoder.decode(block.getHeader(), block.getMetadata());
    }

    /** One transaction's envelope on its own, outside its block: its validation code is unknown (NOT_VALIDATED). */
    public static DecodedTransaction decodeTransaction(ByteString envelope) {
        return EnvelopeDecoder.decode(0, envelope, TxValidationCode.NOT_VALIDATED);
    }

    /** Orderers deliver blocks before validation: their transactions are not validated yet. */
    private static TxValidationCode validationCode(DecodedMetadata metadata, int index) {
        return metadata.validationCodes().isEmpty() ? TxValidationCode.NOT_VALIDATED : metadata.validationCodes().get(index);
    }
}
