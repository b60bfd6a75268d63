package io.baas.fabric.sandbox.peer.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Endorsements in arrival order, as many at once as there are processors. When clients submit
 * together (each waits for its last commit, so they all start again when a block commits), running
 * every endorsement side by side makes even the first finish late, and the orderer's batch timer
 * starts only when the first endorsed transaction reaches it: the whole block waits for that.
 * Taken in turn, the first endorsements finish early. A request that waited {@code patience}
 * proceeds without a turn, so a slow or stuck chaincode delays the others by that much at most.
 * Not Fabric's behaviour (its peer limits concurrency only to refuse), and invisible in answers.
 */
final class EndorsementTurns {

    /** Held while an endorsement runs; closing it gives the turn to the next waiting one. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore turns;
    private final long patienceNanos;

    EndorsementTurns(int atOnce, Duration patience) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one endorsement at once, not " + atOnce);
        }
        this.turns = new Semaphore(atOnce, true);
        this.patienceNanos = patience.toNanos();
    }

    /** Waits for a turn, at most the patience; an interrupted wait proceeds too, with the interrupt kept. */
    Turn take() {
        boolean taken;
        try {
            taken = turns.tryAcquire(patienceNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        return taken ? turns::release : () -> { };
    }

    int waiting() {
        return turns.getQueueLength();
    }

    int free() {
        return turns.availablePermits();
    }
}
