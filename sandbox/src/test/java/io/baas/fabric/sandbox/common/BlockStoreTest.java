package io.baas.fabric.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel's blocks: all in memory until a file holds them, then only the recent ones, the rest read back. */
class BlockStoreTest {

    @TempDir
    Path dir;

    private static Block block(long number) {
        return Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(number))
                .setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("transaction of block " + number + " ".repeat(200)))).build();
    }

    @Test
    void aLongLedgerKeepsOnlyItsRecentBlocksInMemoryAndReadsTheRestBack() {
        List<Block> written = new ArrayList<>();
        written.add(block(0));
        BlockStore store = new BlockStore(written.get(0));
        BlockFile file = BlockFile.open(dir.resolve("blocks"));
        file.append(written.get(0));
        store.persistTo(file);

        for (long number = 1; number < 3 * BlockStore.RECENT; number++) {
            Block next = block(number);
            written.add(next);
            store.append(next);
        }

        assertThat(store.height()).isEqualTo(3L * BlockStore.RECENT);
        assertThat(store.inMemory()).isEqualTo(BlockStore.RECENT);
        assertThat(store.get(0)).contains(written.get(0));
        assertThat(store.get(BlockStore.RECENT)).contains(written.get(BlockStore.RECENT));
        assertThat(store.last()).isEqualTo(written.get(written.size() - 1));
        assertThat(store.get(written.size())).isEmpty();
        assertThat(store.inMemory()).isEqualTo(BlockStore.RECENT);
        store.close();

        assertThat(BlockFile.read(dir.resolve("blocks")).blocks()).isEqualTo(written);
    }

    @Test
    void blocksReadBackFromAFileAreDroppedFromMemoryWhenItTakesOver() throws Exception {
        BlockFile first = BlockFile.open(dir.resolve("blocks"));
        List<Block> written = new ArrayList<>();
        for (long number = 0; number < BlockStore.RECENT + 10; number++) {
            written.add(block(number));
            first.append(written.get((int) number));
        }
        first.close();

        BlockFile.Contents contents = BlockFile.read(dir.resolve("blocks"));
        BlockStore store = new BlockStore(contents.blocks().get(0));
        contents.blocks().subList(1, contents.blocks().size()).forEach(store::append);
        assertThat(store.inMemory()).isEqualTo(BlockStore.RECENT + 10);
        store.persistTo(BlockFile.open(dir.resolve("blocks")));

        assertThat(store.inMemory()).isEqualTo(BlockStore.RECENT);
        assertThat(store.await(3, () -> false)).contains(written.get(3));
        store.append(block(BlockStore.RECENT + 10));
        store.close();
        assertThat(BlockFile.read(dir.resolve("blocks")).blocks()).hasSize(BlockStore.RECENT + 11);
    }

    @Test
    void aFileThatDoesNotHoldTheStoresBlocksIsRefused() {
        BlockStore store = new BlockStore(block(0));
        store.append(block(1));
        BlockFile file = BlockFile.open(dir.resolve("blocks"));
        file.append(block(0));

        assertThatThrownBy(() -> store.persistTo(file)).isInstanceOf(IllegalStateException.class).hasMessageContaining("holds 1 blocks, the store 2");
        file.close();
    }
}
