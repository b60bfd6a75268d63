package io.baas.explorer;

import io.baas.fabric.FabricDataException;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.block.DecodedBlock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.jboss.logging.Logger;

/**
 * Indexes one channel from its checkpoint on, in two stages: a reader thread takes blocks from the
 * source, decodes, verifies and maps them; this thread writes them in batches (as many as are
 * ready, up to a bound), each batch with its checkpoint in one transaction. While it catches up,
 * with a second connection, two batches are written at once (PostgreSQL's backend is the slower
 * stage), each committed only after the one before it. A block that breaks the chain ends the
 * channel's indexing as Degraded after the blocks before it are written; a source or database
 * failure ends this run only: the next run resumes from the checkpoint.
 */
public final class ChannelIndexer {

    private static final Logger LOG = Logger.getLogger(ChannelIndexer.class);

    /**
     * How large a batch may grow, how far the reader may run ahead of the writer (in blocks and in
     * their bytes), and how long each stage waits before looking whether it should stop.
     */
    public record Settings(int maxBatchBlocks, int maxBatchTransactions, int readAhead, long readAheadBytes, Duration poll,
                           java.util.OptionalLong keepPayloadBlocks) {
        /** Blocks of one batch, by their size, at most: the batch's rows are assembled in memory before COPY sends them. */
        public static final long MAX_BATCH_BYTES = 32L * 1024 * 1024;
    }

    /** What a run tells the world: each batch written, and a channel stopped. */
    public interface Listener {
        /** {@code sourceHeight}: the height of the ledger read from, when known. */
        default void written(long channel, Checkpoint after, int blocks, java.util.OptionalLong sourceHeight) {
        }

        default void degraded(long channel, ChainBrokenException breakage) {
        }
    }

    /** Why a run ended. */
    public enum End { STOPPED, DEGRADED }

    /** Opens a connection of the indexer's own to the index's database. */
    public interface Connections {
        java.sql.Connection open() throws SQLException;
    }

    private final long channel;
    private final IndexStore store;
    private final Optional<Connections> second;
    private final BlockSource source;
    private final Settings settings;
    private final Listener listener;
    private volatile boolean stopping;

    /** Writing one batch at a time, on the store's connection. */
    public ChannelIndexer(long channel, IndexStore store, BlockSource source, Settings settings, Listener listener) {
        this(channel, store, Optional.empty(), source, settings, listener);
    }

    /**
     * Writing a second batch while the first is written, on a connection from {@code second},
     * opened when more than a batch is ready and closed when the reader has caught up with the source.
     */
    public ChannelIndexer(long channel, IndexStore store, Optional<Connections> second, BlockSource source, Settings settings,
                          Listener listener) {
        this.channel = channel;
        this.store = store;
        this.second = second;
        this.source = source;
        this.settings = settings;
        this.listener = listener;
    }

    /** Asks the run to end after the batch under way. */
    public void stop() {
        stopping = true;
    }

    /**
     * Indexes until {@link #stop()} or a broken chain; a failure of the source or the database is
     * thrown (nothing after the last written batch counts).
     */
    public End run() throws SQLException, InterruptedException {
        Checkpoint checkpoint = store.checkpoint(channel);
        BlockVerifier verifier = new BlockVerifier(BlockDecoder.decode(store.trustedBlock(channel)));
        BlockingQueue<Object> ready = new ArrayBlockingQueue<>(settings.readAhead());
        ReadAhead room = new ReadAhead(settings.readAheadBytes());
        try (BlockSource.Feed feed = source.open(checkpoint.nextBlock())) {
            Thread reader = new Thread(() -> read(feed, checkpoint, verifier, ready, room), "baas-explorer-read-" + channel);
            reader.setDaemon(true);
            reader.start();
            try {
                return write(checkpoint, feed, ready, room);
            } finally {
                reader.interrupt();
                feed.close();
                reader.join(settings.poll().toMillis() * 4);
            }
        }
    }

    private End write(Checkpoint start, BlockSource.Feed feed, BlockingQueue<Object> ready, ReadAhead room)
            throws SQLException, InterruptedException {
        Checkpoint checkpoint = start;
        try (BatchWriters writers = new BatchWriters(channel, store, second, settings, listener)) {
            while (!stopping) {
                Object item = ready.poll();
                if (item == null) {
                    // Caught up: what is in flight lands before this thread waits for more.
                    writers.finishAll();
                    item = ready.poll(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                    if (item == null) {
                        writers.closeSecond();
                        continue;
                    }
                }
                List<IndexedBlock> batch = new ArrayList<>();
                int transactions = 0;
                long bytes = 0;
                while (item instanceof IndexedBlock block) {
                    room.giveBack(block);
                    batch.add(block);
                    transactions += block.transactions().size();
                    bytes += block.block().sizeBytes();
                    item = batch.size() < settings.maxBatchBlocks() && transactions < settings.maxBatchTransactions()
                            && bytes < Settings.MAX_BATCH_BYTES ? ready.poll() : null;
                }
                if (!batch.isEmpty()) {
                    writers.start(checkpoint, batch, transactions, feed.height(), !ready.isEmpty());
                    checkpoint = batch.get(batch.size() - 1).after();
                }
                if (item instanceof ChainBrokenException broken) {
                    writers.finishAll();
                    store.degrade(channel, broken.blockNumber(), broken.getMessage());
                    LOG.warnf("Explorer stopped indexing channel %d: %s", channel, broken.getMessage());
                    listener.degraded(channel, broken);
                    return End.DEGRADED;
                }
                if (item instanceof RuntimeException failure) {
                    writers.finishAll();
                    throw failure;
                }
            }
            writers.finishAll();
            return End.STOPPED;
        }
    }

    /** The reader stage: every block decoded, verified and mapped, in order; the first break or failure ends it. */
    private void read(BlockSource.Feed feed, Checkpoint start, BlockVerifier verifier, BlockingQueue<Object> ready, ReadAhead room) {
        Checkpoint checkpoint = start;
        try {
            while (!stopping) {
                Optional<Block> next = feed.next(settings.poll());
                if (next.isEmpty()) {
                    continue;
                }
                Block block = next.get();
                try {
                    DecodedBlock decoded = decode(block);
                    Checkpoint after = verifier.verify(checkpoint, decoded); // the data hash first
                    IndexedBlock rows = BlockRows.of(block, decoded, after);
                    room.take(rows);
                    ready.put(rows);
                    checkpoint = after;
                } catch (FabricDataException e) {
                    ready.put(new ChainBrokenException(block.getHeader().getNumber(), "it cannot be decoded: " + e.getMessage()));
                    return;
                } catch (ChainBrokenException e) {
                    ready.put(e);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                ready.put(e);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The block decoded, which hashes its transactions once. A changed byte may make a transaction
     * unreadable: then the data hash, checked again, is the reason given.
     */
    private static DecodedBlock decode(Block block) {
        try {
            return BlockDecoder.decode(block);
        } catch (FabricDataException e) {
            if (!BlockHashes.dataHash(block.getData()).equals(block.getHeader().getDataHash())) {
                throw new ChainBrokenException(block.getHeader().getNumber(), BlockVerifier.DATA_HASH_BROKEN);
            }
            throw e;
        }
    }

    /**
     * The bytes the read-ahead may hold, counted in KiB: the reader takes a block's size before it
     * queues the block, the writer gives it back when it takes it. A bound in blocks alone would
     * let a channel of large blocks fill the heap while the database is slower than the reader. A
     * block larger than the whole bound takes all of it, so it still goes through, alone.
     */
    private static final class ReadAhead {
        private final int capacity;
        private final Semaphore kib;

        ReadAhead(long bytes) {
            this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / 1024));
            this.kib = new Semaphore(capacity);
        }

        void take(IndexedBlock block) throws InterruptedException {
            kib.acquire(cost(block));
        }

        void giveBack(IndexedBlock block) {
            kib.release(cost(block));
        }

        private int cost(IndexedBlock block) {
            return (int) Math.min(capacity, Math.max(1, block.block().sizeBytes() / 1024));
        }
    }
}
