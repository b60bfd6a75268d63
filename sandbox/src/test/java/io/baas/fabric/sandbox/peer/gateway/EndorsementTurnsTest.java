package io.baas.fabric.sandbox.peer.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EndorsementTurnsTest {

    private static final Duration FOREVER = Duration.ofMinutes(5);

    @Test
    void aWaitingEndorsementRunsWhenATurnIsGivenBackInArrivalOrder() throws Exception {
        EndorsementTurns turns = new EndorsementTurns(1, FOREVER);
        List<String> ran = new CopyOnWriteArrayList<>();
        EndorsementTurns.Turn first = turns.take();

        Thread second = waiter(turns, "second", ran);
        awaitWaiting(turns, 1);
        Thread third = waiter(turns, "third", ran);
        awaitWaiting(turns, 2);
        assertThat(ran).as("no turn while the first holds it").isEmpty();

        first.close();
        second.join(TimeUnit.MINUTES.toMillis(1));
        third.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(ran).containsExactly("second", "third");
        assertThat(turns.free()).isEqualTo(1);
    }

    @Test
    void anEndorsementThatRanOutOfPatienceProceedsWithoutTakingATurn() {
        EndorsementTurns turns = new EndorsementTurns(1, Duration.ZERO);
        EndorsementTurns.Turn held = turns.take();

        EndorsementTurns.Turn impatient = turns.take();
        impatient.close();
        assertThat(turns.free()).as("closing a turn never taken gives nothing back").isZero();

        held.close();
        assertThat(turns.free()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitProceedsAndKeepsTheInterrupt() throws Exception {
        EndorsementTurns turns = new EndorsementTurns(1, FOREVER);
        EndorsementTurns.Turn held = turns.take();
        CountDownLatch proceeded = new CountDownLatch(1);
        boolean[] interrupted = new boolean[1];
        Thread waiting = new Thread(() -> {
            try (EndorsementTurns.Turn turn = turns.take()) {
                interrupted[0] = Thread.currentThread().isInterrupted();
                proceeded.countDown();
            }
        });
        waiting.start();
        awaitWaiting(turns, 1);
        waiting.interrupt();
        assertThat(proceeded.await(1, TimeUnit.MINUTES)).isTrue();
        waiting.join();
        assertThat(interrupted[0]).isTrue();
        held.close();
        assertThat(turns.free()).isEqualTo(1);
    }

    @Test
    void refusesNoTurnsAtAll() {
        assertThatThrownBy(() -> new EndorsementTurns(0, FOREVER)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Thread waiter(EndorsementTurns turns, String name, List<String> ran) {
        Thread thread = new Thread(() -> {
            try (EndorsementTurns.Turn turn = turns.take()) {
                ran.add(name);
            }
        }, name);
        thread.start();
        return thread;
    }

    /** Until that many wait for a turn: the semaphore's queue, not the clock. */
    private static void awaitWaiting(EndorsementTurns turns, int count) throws InterruptedException {
        while (turns.waiting() < count) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }
}
