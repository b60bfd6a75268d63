package io.baas.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.junit.jupiter.api.Test;

class BlockLayoutTest {

    @Test
    void findsEveryEnvelopeOfTheFixtureBlocks() throws Exception {
        for (int number = 0; number < 12; number++) {
            Block block = Block.parseFrom(Fixtures.block(number));
            assertEnvelopesAtTheirOffsets(block);
        }
    }

    @Test
    void findsEnvelopesOfEverySizeAmongHeaderAndMetadata() {
        byte[] large = new byte[70_000];
        Arrays.fill(large, (byte) 7);
        Block block = Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(300).setDataHash(ByteString.copyFrom(new byte[32])))
                .setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("a")).addData(ByteString.EMPTY)
                        .addData(ByteString.copyFrom(large)).addData(ByteString.copyFromUtf8("last")))
                .setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.copyFromUtf8("signatures")))
                .build();
        assertThat(BlockLayout.envelopeOffsets(block.toByteArray())).hasSize(4);
        assertEnvelopesAtTheirOffsets(block);
        assertThat(BlockLayout.envelopeOffsets(Block.newBuilder().setHeader(block.getHeader()).build().toByteArray())).isEmpty();
    }

    private static void assertEnvelopesAtTheirOffsets(Block block) {
        byte[] bytes = block.toByteArray();
        int[] offsets = BlockLayout.envelopeOffsets(bytes);
        assertThat(offsets).hasSize(block.getData().getDataCount());
        for (int i = 0; i < offsets.length; i++) {
            ByteString envelope = block.getData().getData(i);
            assertThat(ByteString.copyFrom(bytes, offsets[i], envelope.size())).isEqualTo(envelope);
        }
    }
}
