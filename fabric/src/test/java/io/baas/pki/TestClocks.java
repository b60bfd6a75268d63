package io.baas.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Fixed clocks, so validity never depends on when the tests run. */
public final class TestClocks {

    /** Inside the fixture certificates' window (2026-11-23T19:18Z to 2036-11-20T19:18Z), near the fixture blocks. */
    public static final Instant FIXTURE_TIME = Instant.parse("2026-11-23T19:24:00Z");

    private TestClocks() {}

    public static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    public static Clock fixtureTime() {
        return at(FIXTURE_TIME);
    }

    /** A clock the test moves forward by hand: renewal and expiry without sleeping. */
    public static final class Mutable extends Clock {

        private Instant now;

        public Mutable(Instant start) {
            this.now = start;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("tests run in UTC");
        }
    }
}
