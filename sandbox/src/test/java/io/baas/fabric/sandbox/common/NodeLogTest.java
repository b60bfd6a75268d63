package io.baas.fabric.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeLogTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-05T01:40:00.123Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();

    @Test
    void linesAreWrittenInFabricsFormatWithAHexSequence() {
        NodeLog log = new NodeLog(clock);
        log.info("kvledger", "commit", "[trade] Committed block [5] with 1 transaction(s)");
        log.warn("committer.txvalidator", "validate", "marked as invalid");
        assertThat(log.tail(null, null)).extracting(NodeLog.Line::text).containsExactly(
                "2026-12-05 01:40:00.123 UTC 0001 INFO [kvledger] commit -> [trade] Committed block [5] with 1 transaction(s)",
                "2026-12-05 01:40:00.123 UTC 0002 WARN [committer.txvalidator] validate -> marked as invalid");
    }

    @Test
    void theTailIsTheLastLinesSinceATimeAndTheOldestGoFirstWhenFull() {
        NodeLog log = new NodeLog(clock, 3);
        for (int i = 1; i <= 5; i++) {
            log.info("m", "f", "line " + i);
            clock.now = clock.now.plus(Duration.ofSeconds(10));
        }
        assertThat(log.tail(null, null)).extracting(NodeLog.Line::text).allMatch(text -> text.matches(".* -> line [345]"));
        assertThat(log.tail(2, null)).extracting(NodeLog.Line::text).satisfiesExactly(
                first -> assertThat(first).endsWith("line 4"), second -> assertThat(second).endsWith("line 5"));
        // Line 4 was written 20 s before the clock's time now, line 5 10 s before.
        assertThat(log.tail(null, clock.now.minusSeconds(15))).extracting(NodeLog.Line::text).singleElement().asString().endsWith("line 5");
        assertThat(log.tail(10, clock.now)).isEmpty();
        assertThatThrownBy(() -> new NodeLog(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFollowerGetsTheTailThenEveryNewLineInOrderUntilItLeavesOrTheNodeStops() throws Exception {
        NodeLog log = new NodeLog(clock);
        log.info("m", "f", "before 1");
        log.info("m", "f", "before 2");
        List<String> seen = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        AutoCloseable following = log.follow(1, null, line -> seen.add(line.text()), ends::incrementAndGet);
        log.info("m", "f", "after 1");
        List<String> other = new ArrayList<>();
        log.follow(0, null, line -> other.add(line.text()), ends::incrementAndGet);
        log.info("m", "f", "after 2");
        following.close();
        log.info("m", "f", "after 3");
        assertThat(seen).extracting(text -> text.substring(text.indexOf("-> ") + 3)).containsExactly("before 2", "after 1", "after 2");
        assertThat(other).hasSize(2);

        log.close();
        assertThat(ends).hasValue(1); // the one still following reached the end; the one that left did not
        log.info("m", "f", "after the stop");
        assertThat(log.tail(1, null)).extracting(NodeLog.Line::text).singleElement().asString().endsWith("after 3");
        // Following a stopped node's log: its tail, then at once the end.
        List<String> late = new ArrayList<>();
        log.follow(2, null, line -> late.add(line.text()), ends::incrementAndGet);
        assertThat(late).hasSize(2);
        assertThat(ends).hasValue(2);
    }
}
