package io.baas.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.support.KubeSphereFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RouteCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RouteCache<String, String> cache = new RouteCache<>(100, 10, now::get);

    @Test
    void aReadingServesItsKeyUntilItExpires() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(cache.get("alice", () -> "route" + reads.incrementAndGet())).isEqualTo("route1");
        now.addAndGet(99);
        assertThat(cache.get("alice", () -> "route" + reads.incrementAndGet())).isEqualTo("route1");
        assertThat(cache.get("bob", () -> "route" + reads.incrementAndGet())).isEqualTo("route2");
        now.addAndGet(1);
        assertThat(cache.get("alice", () -> "route" + reads.incrementAndGet())).isEqualTo("route3");
    }

    @Test
    void aFailedReadingIsNotKept() {
        assertThatThrownBy(() -> cache.get("alice", () -> {
            throw new IllegalStateException("the API is down");
        })).hasMessage("the API is down");
        assertThat(cache.get("alice", () -> "route")).isEqualTo("route");
    }

    @Test
    void withoutATimeToLiveEveryCallReads() {
        RouteCache<String, String> uncached = new RouteCache<>(0, 10, now::get);
        AtomicInteger reads = new AtomicInteger();
        uncached.get("alice", () -> "route" + reads.incrementAndGet());
        uncached.get("alice", () -> "route" + reads.incrementAndGet());
        assertThat(reads).hasValue(2);
    }

    /** Calls finding the entry expired while it is being read wait for that reading, not each its own. */
    @Test
    void callsOnAnExpiredKeyShareOneReading() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        List<Thread> callers = callers(8, () -> answers.add(cache.get("alice", () -> {
            reads.incrementAndGet();
            await(release);
            return "route";
        })));
        // Every caller is parked: the first inside its reading, the others waiting for it (or, without sharing, in readings of their own).
        awaitUntil(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(reads).hasValue(1);
        assertThat(answers).hasSize(8).containsOnly("route");
    }

    @Test
    void callsSharingAFailedReadingAllSeeItsFailureAndTheNextCallReadsAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> callers = callers(4, () -> {
            try {
                cache.get("alice", () -> {
                    await(release);
                    throw new IllegalStateException("the API is down");
                });
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        awaitUntil(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(failures).hasSize(4).allSatisfy(e -> assertThat(e).hasMessage("the API is down"));
        assertThat(cache.get("alice", () -> "route")).isEqualTo("route");
    }

    private static List<Thread> callers(int count, Runnable call) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(call, "caller-" + i);
            threads.add(thread);
            thread.start();
        }
        return threads;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bound only turns a hang into a failure; a busy machine may take its time. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        KubeSphereFixtures.await(condition, java.time.Duration.ofMinutes(1));
    }
}
