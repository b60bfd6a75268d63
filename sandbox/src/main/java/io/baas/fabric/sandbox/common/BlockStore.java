package io.baas.fabric.sandbox.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A channel's blocks; readers may wait for blocks not yet written. Until a file holds them they are
 * all in memory; once one does ({@link #persistTo}), only where each starts in the file and the
 * {@value #RECENT} most recently written or read stay in memory, so a long-lived ledger does not
 * grow the heap, and older blocks are read back from the file when asked for.
 */
public final class BlockStore {

    // Waiters look at cancellation this often, so an abandoned deliver stream frees its thread.
    private static final long CANCEL_CHECK_MILLIS = 200;
    /** Blocks kept in memory besides the file: enough for every deliver stream following the tip. */
    static final int RECENT = 256;

    /** Every block, while no file holds them. */
    private final List<Block> blocks = new ArrayList<>();
    private final List<Consumer<Block>> appendListeners = new CopyOnWriteArrayList<>();
    private boolean closed;
    private BlockFile file;
    /** With a file: the recent blocks by number, least recently used first. */
    private final Map<Long, Block> recent = new LinkedHashMap<>(RECENT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > RECENT;
        }
    };
    private long height;
    private Block last;

    public BlockStore(Block genesis) {
        blocks.add(genesis);
        height = 1;
        last = genesis;
    }

    public synchronized void append(Block block) {
        if (block.getHeader().getNumber() != height) {
            throw new IllegalStateException("block " + block.getHeader().getNumber() + " appended at height " + height);
        }
        if (file != null) {
            file.append(block);
            recent.put(height, block);
        } else {
            blocks.add(block);
        }
        height++;
        last = block;
        notifyAll();
        appendListeners.forEach(listener -> listener.accept(block));
    }

    /** Told of every block appended from now on, in order, after it is stored. */
    public void onAppend(Consumer<Block> listener) {
        appendListeners.add(listener);
    }

    /**
     * From now on every appended block is written to the file first; the file holds the blocks so
     * far already, so they leave memory but for the most recent.
     */
    public synchronized void persistTo(BlockFile file) {
        if (file.blocks() != height) {
            throw new IllegalStateException("the block file " + file.path() + " holds " + file.blocks() + " blocks, the store " + height);
        }
        this.file = file;
        for (int i = Math.max(0, blocks.size() - RECENT); i < blocks.size(); i++) {
            recent.put((long) i, blocks.get(i));
        }
        blocks.clear();
    }

    public synchronized long height() {
        return height;
    }

    public synchronized Block last() {
        return last;
    }

    /** Block {@code number}, waiting until it is written; empty once the store closes or the wait is cancelled. */
    public synchronized Optional<Block> await(long number, BooleanSupplier cancelled) throws InterruptedException {
        while (!closed && !cancelled.getAsBoolean() && Long.compareUnsigned(number, height) >= 0) {
            wait(CANCEL_CHECK_MILLIS);
        }
        if (closed || Long.compareUnsigned(number, height) >= 0) {
            return Optional.empty();
        }
        return Optional.of(block(number));
    }

    /** Block {@code number} if it is written. */
    public synchronized Optional<Block> get(long number) {
        if (number < 0 || number >= height || closed && file != null && !recent.containsKey(number)) {
            return Optional.empty(); // a closed file is not read again
        }
        return Optional.of(block(number));
    }

    /** How many blocks are in memory now (all of them until a file holds them). */
    synchronized int inMemory() {
        return file == null ? blocks.size() : recent.size();
    }

    private Block block(long number) {
        if (file == null) {
            return blocks.get((int) number);
        }
        Block known = recent.get(number);
        if (known != null) {
            return known;
        }
        Block read = file.block(number);
        recent.put(number, read);
        return read;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized void close() {
        closed = true;
        if (file != null) {
            file.close();
        }
        notifyAll();
    }
}
