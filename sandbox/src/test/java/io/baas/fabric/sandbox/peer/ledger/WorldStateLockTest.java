package io.baas.fabric.sandbox.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * A simulation holds the state's read lock on its endorsing thread while its chaincode, a process of
 * its own, asks for state on another thread; a commit may be waiting for the write lock meanwhile.
 * The chaincode's read must not queue behind that commit (which waits for the simulation): the
 * sandbox deadlocked this way under load until the chaincode's call timed out.
 */
class WorldStateLockTest {

    @Test
    void aReadDuringASimulationIsNotQueuedBehindAWaitingCommit() throws Exception {
        WorldState state = new WorldState();
        state.apply(List.of(new WorldState.Write("notarization", "k", Optional.of(ByteString.copyFromUtf8("v")))), 1, 0, "tx1", Instant.EPOCH);
        ReentrantReadWriteLock lock = (ReentrantReadWriteLock) state.lock();
        CountDownLatch committed = new CountDownLatch(1);

        lock.readLock().lock(); // the simulation
        Thread commit = new Thread(() -> {
            state.lock().writeLock().lock();
            state.lock().writeLock().unlock();
            committed.countDown();
        });
        try {
            commit.start();
            while (!lock.hasQueuedThread(commit)) {
                Thread.onSpinWait(); // until the commit waits for the write lock
            }

            // The chaincode's GetState, on another thread, while the commit waits.
            Optional<VersionedValue> read = CompletableFuture.supplyAsync(() -> state.get("notarization", "k")).get(30, TimeUnit.SECONDS);

            assertThat(read).map(v -> v.value().toStringUtf8()).contains("v");
            assertThat(committed.getCount()).isEqualTo(1);
        } finally {
            lock.readLock().unlock();
        }
        assertThat(committed.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
