package io.baas.explorer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * The writing side of a {@link ChannelIndexer} run: the batches being written, oldest first, at
 * most one per store. With the run's own store alone, a batch is written on the caller's thread
 * and reported at once. A second store is opened when
 * a batch starts while more are ready, and closed when nothing came for a poll's time; while it
 * is open, the two stores take turns on two threads of their own, and a batch is reported when
 * the next one starts or the reader has caught up. A batch's rows go in while the batch before
 * it is written; its checkpoint update waits for that batch to land and finds the checkpoint it
 * left, or fails (the batch before failed, or another indexer took over), so the commits keep
 * the blocks' order.
 */
final class BatchWriters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchWriters.class);

    /** After this many transactions written and the source caught up with, the tables' statistics are refreshed. */
    private static final long ANALYZE_AFTER = 100_000;

    private record Pending(IndexStore store, Future<?> done, Checkpoint after, int blocks, int transactions,
                           OptionalLong sourceHeight) {
    }

    private final long channel;
    private final IndexStore store;
    private final Optional<ChannelIndexer.Connections> second;
    private final ChannelIndexer.Settings settings;
    private final ChannelIndexer.Listener listener;

    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private Connection secondConnection;
    private IndexStore secondStore;
    private boolean secondRefused;
    private ExecutorService threads;
    private long unanalyzed;

    BatchWriters(long channel, IndexStore store, Optional<ChannelIndexer.Connections> second, ChannelIndexer.Settings settings,
                 ChannelIndexer.Listener listener) {
        this.channel = channel;
        this.store = store;
        this.second = second;
        this.settings = settings;
        this.listener = listener;
    }

    /** Starts writing a batch, after the oldest in flight has landed when both stores are busy. */
    void start(Checkpoint before, List<IndexedBlock> batch, int transactions, OptionalLong sourceHeight, boolean moreReady)
            throws SQLException, InterruptedException {
        if (moreReady && secondStore == null && second.isPresent() && !secondRefused) {
            openSecond();
        }
        IndexStore next = secondStore == null || inFlight.isEmpty() || inFlight.peekLast().store() == secondStore ? store : secondStore;
        while (inFlight.size() >= (secondStore == null ? 1 : 2) || inFlight.stream().anyMatch(p -> p.store() == next)) {
            finish(inFlight.removeFirst());
        }
        Checkpoint after = batch.get(batch.size() - 1).after();
        if (secondStore == null) {
            store.write(channel, before, batch, sourceHeight);
            finish(new Pending(store, CompletableFuture.completedFuture(null), after, batch.size(), transactions, sourceHeight));
            return;
        }
        Future<?> previous = inFlight.isEmpty() ? CompletableFuture.completedFuture(null) : inFlight.peekLast().done();
        Future<?> done = threads.submit(() -> {
            next.write(channel, before, batch, sourceHeight, () -> landed(previous));
            return null;
        });
        inFlight.addLast(new Pending(next, done, after, batch.size(), transactions, sourceHeight));
    }

    /** Everything in flight landed, in order; the statistics refreshed and the written keys vacuumed after a large catch-up. */
    void finishAll() throws SQLException, InterruptedException {
        while (!inFlight.isEmpty()) {
            finish(inFlight.removeFirst());
        }
        if (unanalyzed >= ANALYZE_AFTER) {
            // Caught up after a large catch-up: without fresh statistics the planner may scan a whole
            // channel for one transaction ID until autovacuum's next analyze.
            store.vacuumAndAnalyze();
            unanalyzed = 0;
        }
    }

    private void finish(Pending pending) throws SQLException, InterruptedException {
        try {
            pending.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("writing a batch failed", e.getCause());
        }
        listener.written(channel, pending.after(), pending.blocks(), pending.sourceHeight());
        unanalyzed += pending.transactions();
        if (settings.keepPayloadBlocks().isPresent()) {
            // On the store that wrote the batch: nothing else is in flight on it now.
            pending.store().prunePayloads(channel, pending.after().nextBlock() - settings.keepPayloadBlocks().getAsLong());
        }
    }

    /** Returns once the batch before has landed; fails, so that this one rolls back, when it did not. */
    static void landed(Future<?> previous) {
        try {
            previous.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch before was written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the batch before was not written", e.getCause());
        }
    }

    private void openSecond() {
        try {
            secondConnection = second.orElseThrow().open();
        } catch (SQLException e) {
            // The database's connections may be spoken for: one at a time still indexes. Asked again after the next catch-up.
            LOG.debugf("Explorer: channel %d writes one batch at a time, no second connection: %s", channel, e.getMessage());
            secondRefused = true;
            return;
        }
        secondStore = new IndexStore(secondConnection);
        if (threads == null) {
            threads = Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, "baas-explorer-write-" + channel);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Only with nothing in flight. */
    void closeSecond() {
        secondRefused = false;
        if (secondConnection != null && inFlight.isEmpty()) {
            try {
                secondConnection.close();
            } catch (SQLException ignored) {
                // closed or gone: nothing of it is in flight
            }
            secondConnection = null;
            secondStore = null;
        }
    }

    /** On the way out, also after a failure: nothing may still be writing when the run's connection closes. */
    @Override
    public void close() {
        for (Pending pending : inFlight) {
            try {
                pending.done().get();
            } catch (ExecutionException ignored) {
                // the run is already ending on an earlier failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        inFlight.clear();
        closeSecond();
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
