package io.baas.runtime;

import java.time.Clock;
import java.time.Instant;

/**
 * Which of a node's log lines to read, as {@code kubectl logs} takes them: the last {@code
 * tailLines} (all the runtime keeps when null), only those of the last {@code sinceSeconds} (any
 * age when null), and whether to follow new lines as they are written.
 */
public record LogQuery(Integer tailLines, Long sinceSeconds, boolean follow) {

    /** The most lines one read may ask for. */
    public static final int MAX_TAIL_LINES = 10_000;

    /** When a line must have been written to be read; null for any time. */
    public Instant since(Clock clock) {
        return sinceSeconds == null ? null : clock.instant().minusSeconds(sinceSeconds);
    }
}
