package io.baas.fabric.sandbox.peer;

import com.google.protobuf.ByteString;
import io.baas.fabric.block.BlockHashes;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Envelope;

/** The next block after a given one, as an orderer would cut it (without its signatures: the committer does not check them). */
final class TestBlocks {

    private TestBlocks() {
    }

    static Block next(Block previous, List<ByteString> envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(previous.getHeader().getNumber() + 1)
                        .setPreviousHash(BlockHashes.headerHash(previous.getHeader()))
                        .setDataHash(BlockHashes.dataHash(data)))
                .setData(data)
                .setMetadata(metadata)
                .build();
    }

    static Block nextOf(Block previous, Envelope... envelopes) {
        return next(previous, java.util.Arrays.stream(envelopes).map(Envelope::toByteString).toList());
    }
}
