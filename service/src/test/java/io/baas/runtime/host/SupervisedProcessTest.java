package io.baas.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's process under supervision: its log rotated while it writes to it. */
class SupervisedProcessTest {

    @TempDir
    Path work;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private SupervisedProcess supervised;

    @AfterEach
    void stop() {
        if (supervised != null) {
            supervised.stop();
        }
        timers.shutdownNow();
    }

    @Test
    void aLogPastTheLimitIsRotatedWhileTheProcessRunsAndItsNextLinesStartTheEmptiedFile() throws Exception {
        // Writes 64 bytes, waits for a file named "go", then writes one more line and stays up.
        String script = "printf '%063d\\n' 0; while [ ! -f go ]; do sleep 0.05; done; echo after; exec sleep 600";
        Path log = work.resolve("node.log");
        supervised = new SupervisedProcess("test/node", new SupervisedProcess.Launch(List.of("sh", "-c", script),
                Map.of("PATH", System.getenv("PATH")), work, log), timers, Clock.systemUTC(), handle -> { }, 32);
        supervised.start();
        await(() -> size(log) == 64);

        supervised.rotateLogIfLarge();

        assertThat(Files.readString(SupervisedProcess.rotated(log))).hasSize(64).endsWith("0\n");
        assertThat(size(log)).isZero();
        Files.createFile(work.resolve("go"));
        await(() -> size(log) > 0);
        await(() -> readString(log).endsWith("\n"));
        assertThat(readString(log)).as("appended at the emptied file's start, not at the old offset").isEqualTo("after\n");
        assertThat(supervised.alive()).isTrue();

        supervised.rotateLogIfLarge();
        assertThat(readString(log)).as("under the limit: left alone").isEqualTo("after\n");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Until the condition holds: the process's writes are the events waited on (a minute at most, for a loaded machine). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the process did not write what was awaited within a minute");
            }
            Thread.sleep(10);
        }
    }
}
