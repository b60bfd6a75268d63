package io.baas.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this JVM holds: its live threads and the TCP ports its own sockets listen on (read from
 * /proc, so other processes' servers on the same machine never count).
 */
public record OwnResources(Set<Thread> threads, Set<Integer> listeningPorts) {

    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    /** The JDK's and the test runner's own threads, which come and go with no application. */
    private static final List<String> NOT_THE_APPLICATIONS = List.of("Attach Listener", "process reaper", "Common-Cleaner",
            "Signal Dispatcher", "Reference Handler", "Finalizer", "Notification Thread", "ForkJoinPool.commonPool-worker-",
            "Keep-Alive-Timer", "surefire-", "failsafe-", "JFR ", "C1 ", "C2 ", "Sweeper");

    public static OwnResources now() {
        return new OwnResources(Set.copyOf(Thread.getAllStackTraces().keySet()), listening());
    }

    public List<Thread> threadsNotIn(OwnResources earlier) {
        return threads.stream().filter(thread -> !earlier.threads.contains(thread) && thread.isAlive()).toList();
    }

    public static boolean startedByTheApplication(Thread thread) {
        return NOT_THE_APPLICATIONS.stream().noneMatch(thread.getName()::startsWith);
    }

    /** The threads of Quarkus's own Vert.x, whose end Quarkus decides, not the application. */
    public static boolean quarkusVertx(Thread thread) {
        return thread.getName().startsWith("vert.x-") || thread.getName().equals("vertx-blocked-thread-checker");
    }

    /**
     * Waits for each thread to end (a stopped pool's threads finish on their own time), and returns
     * the names of those still alive after the deadline. Collects garbage first: a dropped
     * {@link java.net.http.HttpClient} ends its selector thread only once collected.
     */
    public static List<String> awaitEnd(List<Thread> threads, Duration deadline) throws InterruptedException {
        System.gc();
        Instant end = Instant.now().plus(deadline);
        List<String> alive = new ArrayList<>();
        for (Thread thread : threads) {
            thread.join(Math.max(1, Duration.between(Instant.now(), end).toMillis()));
            if (thread.isAlive()) {
                alive.add(thread.getName());
            }
        }
        return alive;
    }

    private static Set<Integer> listening() {
        Set<String> ownSockets = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        ownSockets.add(socket.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor was closed while listing: not a socket of ours any more.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    // fields: sl local_address rem_address st ... inode (index 9); 0A is LISTEN.
                    if (fields.length > 9 && "0A".equals(fields[3]) && ownSockets.contains(fields[9])) {
                        ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }
}
