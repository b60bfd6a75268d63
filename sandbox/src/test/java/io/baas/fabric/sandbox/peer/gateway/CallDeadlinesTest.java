package io.baas.fabric.sandbox.peer.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    private static final Duration ORDERER_LIMIT = Duration.ofSeconds(15);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    private static <T> T inCallWithDeadline(Deadline deadline, Callable<T> step) throws Exception {
        Context.CancellableContext call = Context.current().withDeadline(deadline, TIMER);
        try {
            return call.call(step);
        } finally {
            call.cancel(null);
        }
    }

    @Test
    void aClientDeadlineShorterThanTheStepsLimitCutsIt() throws Exception {
        Duration given = inCallWithDeadline(Deadline.after(2, TimeUnit.SECONDS), () -> CallDeadlines.within(ORDERER_LIMIT, "broadcast"));
        assertThat(given).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aLongerClientDeadlineOrNoneLeavesTheLimit() throws Exception {
        assertThat(inCallWithDeadline(Deadline.after(10, TimeUnit.MINUTES), () -> CallDeadlines.within(ORDERER_LIMIT, "broadcast")))
                .isEqualTo(ORDERER_LIMIT);
        assertThat(CallDeadlines.within(ORDERER_LIMIT, "broadcast")).isEqualTo(ORDERER_LIMIT);
    }

    @Test
    void aPassedDeadlineEndsTheCallBeforeTheStep() {
        assertThatThrownBy(() -> inCallWithDeadline(Deadline.after(-1, TimeUnit.SECONDS),
                () -> CallDeadlines.within(ORDERER_LIMIT, "the transaction was sent to orderer0:7050")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                    assertThat(e.getStatus().getDescription()).contains("before the transaction was sent to orderer0:7050");
                });
    }
}
