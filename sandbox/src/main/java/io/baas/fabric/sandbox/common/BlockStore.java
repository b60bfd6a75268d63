package io.baas.fabric.sandbox.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;

/** A channel's blocks in memory; readers may wait for blocks not yet written. */
public final class BlockStore {

    // Waiters look at cancellation this often, so an abandoned deliver stream frees its thread.
    private static final long CANCEL_CHECK_MILLIS = 200;

    private final List<Block> blocks = new ArrayList<>();
    private final List<Consumer<Block>> appendListeners = new CopyOnWriteArrayList<>();
    private boolean closed;
    private BlockFile file;

    public BlockStore(Block genesis) {
        blocks.add(genesis);
    }

    public synchronized void append(Block block) {
        if (block.getHeader().getNumber() != blocks.size()) {
            throw new IllegalStateException("block " + block.getHeader().getNumber() + " appended at height " + blocks.size());
        }
        if (file != null) {
            file.append(block);
        }
        blocks.add(block);
        notifyAll();
        appendListeners.forEach(listener -> listener.accept(block));
    }

    /** Told of every block appended from now on, in order, after it is stored. */
    public void onAppend(Consumer<Block> listener) {
        appendListeners.add(listener);
    }

    /** From now on every appended block is written to the file first (the blocks so far are already there). */
    public synchronized void persistTo(BlockFile file) {
        this.file = file;
    }

    public synchronized long height() {
        return blocks.size();
    }

    public synchronized Block last() {
        return blocks.get(blocks.size() - 1);
    }

    /** Block {@code number}, waiting until it is written; empty once the store closes or the wait is cancelled. */
    public synchronized Optional<Block> await(long number, BooleanSupplier cancelled) throws InterruptedException {
        while (!closed && !cancelled.getAsBoolean() && Long.compareUnsigned(number, blocks.size()) >= 0) {
            wait(CANCEL_CHECK_MILLIS);
        }
        if (closed || Long.compareUnsigned(number, blocks.size()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(blocks.get((int) number));
    }

    /** Block {@code number} if it is written. */
    public synchronized Optional<Block> get(long number) {
        return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
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
