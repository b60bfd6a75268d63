package io.baas.fabric.sandbox.peer.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import java.util.HexFormat;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.junit.jupiter.api.Test;

/** The commit hash as Fabric 2.5.5's peers wrote it into the fixture's blocks. */
class CommitHashTest {

    private static Block block(long number) throws Exception {
        return Block.parseFrom(Fixtures.block(number));
    }

    private static ByteString filter(Block block) {
        return block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
    }

    @Test
    void theGenesisBlockHasNoneAndTheFirstConfigBlockStartsTheChain() throws Exception {
        assertThat(CommitHash.of(block(0))).isEmpty();
        // A config block writes nothing that counts (Fabric keeps the config outside the hashed batch).
        ByteString first = CommitHash.next(ByteString.EMPTY, filter(block(1)), new CommitHash.UpdateBatch());
        assertThat(first).isEqualTo(CommitHash.of(block(1)));
        assertThat(CommitHash.next(first, filter(block(2)), new CommitHash.UpdateBatch())).isEqualTo(CommitHash.of(block(2)));
    }

    @Test
    void aBlocksWritesChainOnThePreviousHashAsFabricsDo() throws Exception {
        // Block 7: simple moves 10 from a to b, a=90 and b=210 at height (7, 0).
        CommitHash.UpdateBatch writes = new CommitHash.UpdateBatch();
        writes.add(new WorldState.Write("simple", "b", Optional.of(ByteString.copyFromUtf8("210"))), 7, 0);
        writes.add(new WorldState.Write("simple", "a", Optional.of(ByteString.copyFromUtf8("90"))), 7, 0);
        assertThat(CommitHash.next(CommitHash.of(block(6)), filter(block(7)), writes)).isEqualTo(CommitHash.of(block(7)));

        // Block 10: tx0 valid (a=93, b=207 at (10, 0)), tx1 an MVCC conflict that writes nothing.
        CommitHash.UpdateBatch conflict = new CommitHash.UpdateBatch();
        conflict.add(new WorldState.Write("simple", "a", Optional.of(ByteString.copyFromUtf8("93"))), 10, 0);
        conflict.add(new WorldState.Write("simple", "b", Optional.of(ByteString.copyFromUtf8("207"))), 10, 0);
        assertThat(CommitHash.next(CommitHash.of(block(9)), filter(block(10)), conflict)).isEqualTo(CommitHash.of(block(10)));

        // Block 11: an endorsement policy failure, no writes; a different hash had any write counted.
        assertThat(CommitHash.next(CommitHash.of(block(10)), filter(block(11)), new CommitHash.UpdateBatch()))
                .isEqualTo(CommitHash.of(block(11)))
                .isNotEqualTo(CommitHash.next(CommitHash.of(block(10)), filter(block(11)), conflict));
    }

    @Test
    void anApprovalsHashedWritesCountAsFabricCountsThem() throws Exception {
        // Block 3: Org1's approval, six hashed writes in _lifecycle's _implicit_org_Org1MSP at (3, 0); the values stay out.
        CommitHash.UpdateBatch hashed = new CommitHash.UpdateBatch();
        for (var action : io.baas.fabric.block.BlockDecoder.decode(block(3)).transactions().get(0).actions()) {
            for (var ns : action.readWriteSets()) {
                for (var collection : ns.collections()) {
                    collection.writes().forEach(write -> hashed.add(new WorldState.HashedWrite(ns.namespace(), collection.collection(),
                            write.keyHash(), Optional.of(write.valueHash()), 0), 3, 0));
                }
            }
        }
        assertThat(CommitHash.next(CommitHash.of(block(2)), filter(block(3)), hashed)).isEqualTo(CommitHash.of(block(3)));
    }

    @Test
    void versionsAndDeletesAreEncodedAsFabricEncodesThem() {
        assertThat(HexFormat.of().formatHex(CommitHash.version(0, 0))).isEqualTo("0000");
        assertThat(HexFormat.of().formatHex(CommitHash.version(7, 0))).isEqualTo("010700");
        assertThat(HexFormat.of().formatHex(CommitHash.version(256, 3))).isEqualTo("0201000103");
        CommitHash.UpdateBatch deleted = new CommitHash.UpdateBatch();
        deleted.add(new WorldState.Write("ns", "k", Optional.of(ByteString.copyFromUtf8("v"))), 1, 0);
        deleted.add(new WorldState.Write("ns", "k", Optional.empty()), 1, 1);
        // Updates{kvwrites: {namespace "ns", key "k", isDelete true, version (1, 1)}}: the last write of the block counts.
        assertThat(HexFormat.of().formatHex(deleted.bytes())).isEqualTo("0a0f" + "0a026e73" + "1a016b" + "2001" + "3204" + "01010101");
    }
}
