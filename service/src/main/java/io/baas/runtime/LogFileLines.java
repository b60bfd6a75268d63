package io.baas.runtime;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process's output file read as a container's log: the last lines, then, when following, each
 * new line as the process writes it (the file is polled, as {@code tail -f} does where it cannot be
 * told), until the process has ended and its last line is read. The file's lines carry no time the
 * reader can trust, so {@code sinceSeconds} selects nothing here.
 */
public final class LogFileLines {

    static final Duration POLL = Duration.ofMillis(200);
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baas-log-file-poller");
        thread.setDaemon(true);
        return thread;
    });

    private LogFileLines() {
    }

    public static Multi<String> of(Path file, LogQuery query, BooleanSupplier running) {
        if (!query.follow()) {
            return Multi.createFrom().iterable(tail(read(file, 0).lines(), query.tailLines()));
        }
        return Multi.createFrom().emitter(emitter -> {
            Chunk first = read(file, 0);
            tail(first.lines(), query.tailLines()).forEach(emitter::emit);
            Follower follower = new Follower(file, first.end(), running, emitter);
            ScheduledFuture<?> polling = POLLER.scheduleWithFixedDelay(follower, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
            follower.polling = polling;
            emitter.onTermination(() -> polling.cancel(false));
        });
    }

    /** Reads what was appended since the last poll; ends the stream once the process has ended and all is read. */
    private static final class Follower implements Runnable {
        private final Path file;
        private final BooleanSupplier running;
        private final MultiEmitter<? super String> emitter;
        private long offset;
        private volatile ScheduledFuture<?> polling;

        Follower(Path file, long offset, BooleanSupplier running, MultiEmitter<? super String> emitter) {
            this.file = file;
            this.offset = offset;
            this.running = running;
            this.emitter = emitter;
        }

        @Override
        public void run() {
            boolean ended = !running.getAsBoolean(); // asked before reading: a line written just before the end is still read
            try {
                Chunk chunk = read(file, offset);
                offset = chunk.end();
                chunk.lines().forEach(emitter::emit);
                if (ended) {
                    emitter.complete();
                    polling.cancel(false);
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
                polling.cancel(false);
            }
        }
    }

    /** Whole lines from {@code offset} on, and the offset after the last whole line (a line still being written waits). */
    record Chunk(List<String> lines, long end) {
    }

    static Chunk read(Path file, long offset) {
        if (!Files.exists(file)) {
            return new Chunk(List.of(), offset);
        }
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            if (length <= offset) {
                return new Chunk(List.of(), Math.min(offset, length));
            }
            input.seek(offset);
            byte[] bytes = new byte[Math.toIntExact(length - offset)];
            input.readFully(bytes);
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long end = offset;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    lines.add(line.toString(StandardCharsets.UTF_8).replaceAll("\r$", ""));
                    line.reset();
                    end = offset + i + 1;
                } else {
                    line.write(bytes[i]);
                }
            }
            return new Chunk(lines, end);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the log " + file.getFileName(), e);
        }
    }

    private static List<String> tail(List<String> lines, Integer count) {
        return count == null || lines.size() <= count ? lines : lines.subList(lines.size() - count, lines.size());
    }
}
