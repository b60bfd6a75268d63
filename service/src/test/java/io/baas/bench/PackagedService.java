package io.baas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.support.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app}) as a benchmark runs it: a process of its own in
 * embedded mode on a database of the benchmark's, with its embedded Kubernetes API on a port of its
 * own, and calls to its REST API as any user (tokens signed with the secret it is given).
 */
record PackagedService(Process process, int port, int kubernetesPort, Path log) {

    static final String API = "/kapis/baas.io/v1";
    static final String SECRET = "benchmark-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One client for every call of the program: HTTP/1.1, a connection per concurrent request (its pool is unbounded). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    record Answer(int status, JsonNode body) {
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Started on {@code database} with the settings given on top of embedded mode's, and ready. */
    static PackagedService start(String database, Map<String, String> settings) throws Exception {
        int port = freePort();
        int kubernetesPort = freePort();
        Path log = Files.createTempFile("ks-baas-benchmark", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(StartupBenchmark.JVM_OPTIONS);
        // BENCH_SERVICE_JAVA_OPTS adds the service's own JVM options (a profiler's, say).
        String extra = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(StartupBenchmark.APP.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = new HashMap<>(Map.of("BAAS_KUBERNETES_EMBEDDED", "true",
                "BAAS_KUBERNETES_EMBEDDED_PORT", String.valueOf(kubernetesPort),
                "BAAS_IAM_JWT_SECRET", SECRET,
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database,
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "BAAS_DATABASE_CREATE_IF_MISSING", "true"));
        environment.putAll(settings);
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        PackagedService service = new PackagedService(process, port, kubernetesPort, log);
        System.out.printf("service started (pid %d), log %s%n", process.pid(), log);
        while (!service.ready()) {
            if (!process.isAlive() || System.nanoTime() - started > TimeUnit.MINUTES.toNanos(3)) {
                service.stop();
                throw new IllegalStateException("the service did not get ready; its log:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        System.out.printf("ready in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return service;
    }

    private boolean ready() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A KubeSphere access token of {@code user}, valid for eight hours. */
    static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> {
            long now = Instant.now().getEpochSecond();
            return TestTokens.sign(Map.of("username", u, "token_type", "access_token", "iss", "kubesphere", "sub", u,
                    "iat", now, "exp", now + TimeUnit.HOURS.toSeconds(8)), SECRET);
        });
    }

    /** A call to {@code /kapis/baas.io/v1} + path as {@code user}, its body as JSON (or as text when it is not JSON). */
    Answer call(String user, String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(API + path))).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token(user));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = response.body().length == 0 ? JSON.nullNode() : readOrText(response.body());
        return new Answer(response.statusCode(), json);
    }

    private static JsonNode readOrText(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
