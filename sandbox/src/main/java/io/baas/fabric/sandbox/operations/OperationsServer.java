package io.baas.fabric.sandbox.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A sandbox node's operations endpoint, as Fabric's operations service answers on its own port
 * (plain HTTP, as Fabric's with TLS off): {@code /healthz} (200 {@code {"status":"OK","time":...}},
 * or 503 with {@code failed_checks}), {@code /version} ({@code {"CommitSHA":...,"Version":...}})
 * and {@code /metrics} (Prometheus text). Anything else is 404.
 */
public final class OperationsServer implements AutoCloseable {

    /** The Fabric release whose operations service the sandbox imitates. */
    public static final String VERSION = "2.5.5";

    private final HttpServer server;
    private final ExecutorService threads;

    private OperationsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * @param failedCheck the reason the node is not healthy now, or null when it is (Fabric: a
     *     registered health checker's error)
     */
    public static OperationsServer start(String host, int port, NodeMetrics metrics, Supplier<String> failedCheck, Clock clock)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-operations");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                switch (exchange.getRequestURI().getPath()) {
                    case "/healthz" -> healthz(exchange, failedCheck.get(), clock);
                    case "/version" -> send(exchange, 200, "application/json",
                            "{\"CommitSHA\":\"sandbox\",\"Version\":\"" + VERSION + "\"}\n");
                    case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
                    default -> send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
                }
            }
        });
        server.start();
        return new OperationsServer(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void healthz(HttpExchange exchange, String failure, Clock clock) throws IOException {
        String time = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        if (failure == null) {
            send(exchange, 200, "application/json", "{\"status\":\"OK\",\"time\":\"" + time + "\"}\n");
            return;
        }
        send(exchange, 503, "application/json", "{\"status\":\"Service Unavailable\",\"time\":\"" + time
                + "\",\"failed_checks\":[{\"component\":\"sandbox\",\"reason\":\"" + failure.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
