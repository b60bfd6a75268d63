package io.baas.fabric.sandbox.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A sandbox node's log: what a Fabric node writes to its container's output, as lines in Fabric's
 * default format ({@code 2026-12-05 01:40:00.123 UTC 002a INFO [kvledger] commit -> message}), kept
 * in a bounded buffer so the logs API can serve the last lines and follow new ones. There is no
 * container on the sandbox, so this buffer is what {@code kubectl logs} would show.
 */
public final class NodeLog {

    /** One line and when it was written. */
    public record Line(Instant time, String text) {
    }

    /** Fabric's levels as its format abbreviates them to four letters. */
    public enum Level {
        INFO, WARN, ERRO
    }

    /** How many lines a node keeps: about a day of a busy channel's commit lines. */
    public static final int DEFAULT_CAPACITY = 5000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final int capacity;
    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private long sequence;
    private boolean closed;

    /** Who follows the log: each new line, then the end when the node stops. */
    private record Follower(Consumer<Line> onLine, Runnable onEnd) {
    }

    public NodeLog(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a log keeps at least one line");
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    public NodeLog(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    public void info(String module, String function, String message) {
        write(Level.INFO, module, function, message);
    }

    public void warn(String module, String function, String message) {
        write(Level.WARN, module, function, message);
    }

    public void error(String module, String function, String message) {
        write(Level.ERRO, module, function, message);
    }

    /** Writes a line: kept, and handed to every follower in the order lines were written. */
    public void write(Level level, String module, String function, String message) {
        synchronized (lines) {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            // Fabric numbers its log records in hex, four digits at least.
            String text = TIME.format(now) + " " + String.format(Locale.ROOT, "%04x", ++sequence) + " " + level + " [" + module + "] "
                    + function + " -> " + message;
            Line line = new Line(now, text);
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
            // Under the lock, so followers see lines in order and none between their tail and their first new line is lost.
            for (Follower follower : followers) {
                follower.onLine().accept(line);
            }
        }
    }

    /** The last {@code count} lines (all kept when null) written at or after {@code since} (any time when null), oldest first. */
    public List<Line> tail(Integer count, Instant since) {
        synchronized (lines) {
            return select(count, since);
        }
    }

    /**
     * The tail as {@link #tail} gives it, then every new line as it is written, until the returned
     * handle is closed or the node stops ({@code onEnd}, as a container's log ends with it). A
     * follower must be quick: it runs on the writer's thread.
     */
    public AutoCloseable follow(Integer count, Instant since, Consumer<Line> onLine, Runnable onEnd) {
        Follower follower = new Follower(onLine, onEnd);
        synchronized (lines) {
            select(count, since).forEach(onLine);
            if (closed) {
                onEnd.run();
                return () -> { };
            }
            followers.add(follower);
        }
        return () -> followers.remove(follower);
    }

    /** The node stopped: followers reach the end; the lines stay readable. */
    public void close() {
        synchronized (lines) {
            closed = true;
            followers.forEach(follower -> follower.onEnd().run());
            followers.clear();
        }
    }

    private List<Line> select(Integer count, Instant since) {
        List<Line> selected = new ArrayList<>();
        for (Line line : lines) {
            if (since == null || !line.time().isBefore(since)) {
                selected.add(line);
            }
        }
        return count == null || count >= selected.size() ? selected : List.copyOf(selected.subList(selected.size() - count, selected.size()));
    }
}
