package io.baas.runtime.host;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One node's process on the host, kept running as a kubelet keeps a container: started with its
 * command and environment in its working directory, its standard output and error appended to its
 * log file (rotated when it grows past {@value #LOG_ROTATE_BYTES} bytes, at a start or while it
 * runs, one old file kept), and
 * started again with back-off (1 s doubling to 60 s, back to 1 s once it ran for a minute) when it
 * ends without being asked to. A process a previous service started can be adopted instead of
 * started, and is watched the same way.
 */
final class SupervisedProcess {

    private static final Logger LOG = Logger.getLogger(SupervisedProcess.class);
    static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration STEADY = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** How to start the node; the environment is the whole environment the process sees. */
    record Launch(List<String> command, Map<String, String> environment, Path workingDirectory, Path log) {

        Launch {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    private final String name;
    private final Launch launch;
    private final long rotateBytes;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Consumer<ProcessHandle> onStart;
    private ProcessHandle process;
    private Instant startedAt;
    private Duration backoff = FIRST_BACKOFF;
    private ScheduledFuture<?> pendingRestart;
    private String lastExit;
    private int restarts;
    private boolean stopped;

    /** @param onStart told of every process started or adopted (to record its pid) */
    SupervisedProcess(String name, Launch launch, ScheduledExecutorService timers, Clock clock, Consumer<ProcessHandle> onStart) {
        this(name, launch, timers, clock, onStart, LOG_ROTATE_BYTES);
    }

    SupervisedProcess(String name, Launch launch, ScheduledExecutorService timers, Clock clock, Consumer<ProcessHandle> onStart,
                      long rotateBytes) {
        this.name = name;
        this.launch = launch;
        this.rotateBytes = rotateBytes;
        this.timers = timers;
        this.clock = clock;
        this.onStart = onStart;
    }

    Launch launch() {
        return launch;
    }

    synchronized void start() {
        stopped = false;
        rotateLogIfLarge();
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        try {
            watch(builder.start().toHandle());
        } catch (IOException e) {
            lastExit = "could not be started at " + clock.instant() + ": " + e.getMessage();
            LOG.warnf("Host node %s %s", name, lastExit);
            scheduleRestart();
        }
    }

    /** Watches a process a previous service started for this node, instead of starting one. */
    synchronized void adopt(ProcessHandle running) {
        stopped = false;
        watch(running);
    }

    private void watch(ProcessHandle handle) {
        process = handle;
        startedAt = clock.instant();
        onStart.accept(handle);
        handle.onExit().thenAccept(this::ended);
    }

    private synchronized void ended(ProcessHandle handle) {
        if (handle != process || stopped) {
            return;
        }
        Instant now = clock.instant();
        lastExit = "ended at " + now + " after " + Duration.between(startedAt, now).toSeconds() + " s" + exitCode(handle)
                + "; see its log " + launch.log();
        LOG.warnf("Host node %s %s; starting it again in %d s", name, lastExit, backoff.toSeconds());
        if (Duration.between(startedAt, now).compareTo(STEADY) >= 0) {
            backoff = FIRST_BACKOFF;
        }
        scheduleRestart();
    }

    private void scheduleRestart() {
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        pendingRestart = timers.schedule(() -> {
            synchronized (this) {
                if (!stopped) {
                    restarts++;
                    start();
                }
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit code when this service started the process (an adopted one's is not knowable). */
    private static String exitCode(ProcessHandle handle) {
        return handle instanceof Process p ? ", exit code " + p.exitValue() : "";
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(process);
    }

    synchronized int restarts() {
        return restarts;
    }

    /** Why it does not run now, when it does not: how it last ended, and that it is started again. */
    synchronized Optional<String> whyNotRunning() {
        if (alive()) {
            return Optional.empty();
        }
        if (stopped) {
            return Optional.of("Its process was stopped.");
        }
        return Optional.of(lastExit == null ? "Its process is starting." : "Its process " + lastExit + "; it is being started again.");
    }

    /** Stops the process (terminate, then kill after a grace period) and no longer restarts it. */
    void stop() {
        ProcessHandle running;
        synchronized (this) {
            stopped = true;
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
            }
            running = process;
        }
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            running.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            running.destroyForcibly();
        }
    }

    /** Stops watching (the service stops) and leaves the process running, to be adopted at the next start. */
    synchronized void release() {
        stopped = true;
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
        }
    }

    /**
     * At a start and while it runs: a running process holds its log open in append mode, and a file
     * moved away would keep growing under its new name; so the log is copied and emptied in place,
     * and the process's next line starts the emptied file (logrotate's copytruncate: a line written
     * between the copy and the truncation is lost). Nothing happens under the limit.
     */
    synchronized void rotateLogIfLarge() {
        Path log = launch.log();
        try {
            if (!Files.isRegularFile(log) || Files.size(log) <= rotateBytes) {
                return;
            }
            Files.copy(log, rotated(log), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
        } catch (IOException e) {
            LOG.warnf("Cannot rotate the log of host node %s: %s", name, e.getMessage());
        }
    }

    static Path rotated(Path log) {
        return log.resolveSibling(log.getFileName() + ".1");
    }
}
