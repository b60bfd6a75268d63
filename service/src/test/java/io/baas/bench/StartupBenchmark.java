package io.baas.bench;

import io.baas.config.KubeSphereVersion;
import io.baas.dev.EmbeddedApiDispatcher;
import io.baas.dev.EmbeddedSeed;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start of the packaged service ({@code service/target/quarkus-app}) to {@code /q/health/ready}
 * = 200, and its resident memory after it has idled, in production mode against an in-memory API
 * server (seeded as a fresh KubeSphere 4) and in embedded mode, each run mapping the class archive
 * (AppCDS) of one untimed training run in embedded mode. Run by {@code bench/startup.sh}; exits 1
 * when a median is above its target. See docs/benchmarks.md.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    /**
     * The Dockerfile's JAVA_OPTS_APPEND (read from it, less the class archive the benchmark makes itself)
     * and what its base image's run-java.sh adds (heap at 80% of the container's memory, the collector
     * and its settings, with the defaults of run-java.sh unless the Dockerfile sets its variables), in a
     * container of the chart's default limit (1Gi): the JVM sizes its heap from that limit, not from this
     * machine's memory.
     */
    static final List<String> JVM_OPTIONS = jvmOptions();

    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:MaxRAM=1g", "-XX:MaxRAMPercentage=80"));
        options.addAll(List.of(dockerfileSetting("GC_CONTAINER_OPTIONS").orElse("-XX:+UseParallelGC").split("\\s+")));
        options.add("-XX:MinHeapFreeRatio=" + dockerfileSetting("GC_MIN_HEAP_FREE_RATIO").orElse("10"));
        options.add("-XX:MaxHeapFreeRatio=" + dockerfileSetting("GC_MAX_HEAP_FREE_RATIO").orElse("20"));
        options.add("-XX:GCTimeRatio=" + dockerfileSetting("GC_TIME_RATIO").orElse("4"));
        options.add("-XX:AdaptiveSizePolicyWeight=" + dockerfileSetting("GC_ADAPTIVE_SIZE_POLICY_WEIGHT").orElse("90"));
        options.addAll(Stream.of(imageJavaOptions().split("\\s+"))
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile=") && !option.startsWith("-XX:AOTCache=")).toList());
        return List.copyOf(options);
    }

    /** The last JAVA_OPTS_APPEND the Dockerfile sets: the one the service runs with. */
    static String imageJavaOptions() {
        return dockerfileSetting("JAVA_OPTS_APPEND").orElseThrow(() -> new IllegalStateException("the Dockerfile sets no JAVA_OPTS_APPEND"));
    }

    /** The last value the Dockerfile gives the environment variable {@code name}, if it gives one. */
    private static Optional<String> dockerfileSetting(String name) {
        Matcher set = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(readDockerfile());
        String last = null;
        while (set.find()) {
            last = set.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** The feature version of the JDK the image's base runs ({@code ubi9/openjdk-NN-runtime}). */
    static Optional<Integer> imageJdk() {
        Matcher base = Pattern.compile("openjdk-(\\d+)-runtime").matcher(readDockerfile());
        return base.find() ? Optional.of(Integer.parseInt(base.group(1))) : Optional.empty();
    }

    private static String readDockerfile() {
        try {
            return Files.readString(Path.of("src", "main", "docker", "Dockerfile.jvm"));
        } catch (IOException e) {
            throw new UncheckedIOException("run from the service module's folder", e);
        }
    }

    static final Path APP = Path.of("target", "quarkus-app");
    static final Map<String, String> EMBEDDED = Map.of("BAAS_KUBERNETES_EMBEDDED", "true");
    static final long PRODUCTION_TARGET_MS = 3_000;
    static final long EMBEDDED_TARGET_MS = 5_000;
    static final long RSS_TARGET_MB = 250;
    static final Duration IDLE = Duration.ofSeconds(10);
    static final String SECRET = "startup-benchmark-secret";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    /** CPU time to ready (all the process's threads) scatters less than wall time on a shared machine. */
    record Run(long readyMillis, long cpuMillisToReady, long rssMegabytes) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        boolean withinTargets = true;
        // A training run, as an image build can make one (embedded, no cluster): the classes a start
        // to ready loads, archived when it exits. Every measured run then uses them (the AOT cache on
        // JDK 25, AppCDS before). BENCH_CLASS_ARCHIVE=false leaves it out (JDK 17 can crash recording
        // JFR with a mapped dynamic archive).
        ClassArchive kind = ClassArchive.forThisJvm();
        Path archive = Files.createTempDirectory("ks-baas-startup").resolve(kind.fileName());
        if (!"false".equals(System.getenv("BENCH_CLASS_ARCHIVE"))) {
            run(EMBEDDED, List.of(kind.record(archive)));
        }
        List<String> shared = Files.exists(archive) ? List.of(kind.use(archive)) : List.of();
        System.out.printf("class archive from a training run: %s%n", shared.isEmpty() ? "none was written" : archive);
        imageJdk().filter(image -> image != Runtime.version().feature()).ifPresent(image -> System.out.printf(
                "note: the service runs on JDK %d here, the image runs JDK %d: set JAVA_HOME to measure what ships%n",
                Runtime.version().feature(), image));
        for (boolean embedded : new boolean[] {false, true}) {
            List<Run> measured = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                measured.add(embedded ? run(EMBEDDED, shared) : runAgainstMockApi(shared));
            }
            long ready = median(measured.stream().map(Run::readyMillis).toList());
            long rss = median(measured.stream().map(Run::rssMegabytes).toList());
            long cpu = median(measured.stream().map(Run::cpuMillisToReady).toList());
            long target = embedded ? EMBEDDED_TARGET_MS : PRODUCTION_TARGET_MS;
            System.out.printf("%s: ready median %d ms (target %d), idle RSS median %d MB (target %d), CPU to ready median %d ms; runs %s%n",
                    embedded ? "embedded" : "production, mock API", ready, target, rss, RSS_TARGET_MB, cpu, measured);
            withinTargets &= ready <= target && rss <= RSS_TARGET_MB;
        }
        System.exit(withinTargets ? 0 : 1);
    }

    private static Run runAgainstMockApi(List<String> jvmOptions) throws Exception {
        KubernetesMockServer server = EmbeddedApiDispatcher.server();
        server.init();
        try (KubernetesClient client = server.createClient()) {
            EmbeddedSeed.apply(client, KubeSphereVersion.V4, Optional.of(SECRET));
            return run(Map.of("BAAS_KUBERNETES_EMBEDDED", "false", "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", server.url("/"),
                    "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true"), jvmOptions);
        } finally {
            server.destroy();
        }
    }

    private static Run run(Map<String, String> environment, List<String> jvmOptions) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("ks-baas-startup", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        // BENCH_SERVICE_JAVA_OPTS adds options to every run (-Dquarkus.debug.print-startup-times=true, say), and
        // BENCH_KEEP_LOGS=true keeps each run's log.
        String extra = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        // From the application's folder, as the image runs it: a class archive names the jar by that path.
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(APP.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(Map.of("BAAS_IAM_JWT_SECRET", SECRET, "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/baas",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/baas",
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "BAAS_DATABASE_CREATE_IF_MISSING", "true"));
        long started = System.nanoTime();
        Process service = builder.start();
        try {
            while (!ready(port)) {
                if (!service.isAlive() || System.nanoTime() - started > TimeUnit.MINUTES.toNanos(2)) {
                    throw new IllegalStateException("the service did not get ready; its log:\n" + Files.readString(log));
                }
                Thread.sleep(10);
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long cpuMillis = cpuMillis(service.pid());
            Thread.sleep(IDLE.toMillis());
            return new Run(readyMillis, cpuMillis, rssMegabytes(service.pid()));
        } finally {
            service.destroy();
            // A training run writes its class archive as it exits.
            service.waitFor(2, TimeUnit.MINUTES);
            if (Boolean.parseBoolean(System.getenv("BENCH_KEEP_LOGS"))) {
                System.out.printf("log of the run: %s%n", log);
            } else {
                Files.deleteIfExists(log);
            }
        }
    }

    private static boolean ready(int port) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static long rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** utime + stime of /proc/[pid]/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
