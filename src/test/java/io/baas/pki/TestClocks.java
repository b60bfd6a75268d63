package io.baas.pki;

import java.time.Clock;
import java.time.Instant;
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
}
