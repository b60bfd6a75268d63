package io.baas.explorer;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.hyperledger.fabric.protos.common.Block;

/** Where an indexer reads a channel's committed blocks: a peer's Deliver stream, or (in tests) blocks at hand. */
public interface BlockSource {

    /** The channel's blocks from {@code from} on, as they are committed. */
    Feed open(long from);

    interface Feed extends AutoCloseable {

        /** The next block, or empty when none came within {@code wait}; a feed that ended throws. */
        Optional<Block> next(Duration wait) throws InterruptedException;

        /** The height of the ledger read from, when known. */
        OptionalLong height();

        @Override
        void close();
    }
}
