package io.baas.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.baas.support.KubeSphereFixtures;
import io.baas.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver for tests: {@code /hook} keeps what it accepted (after checking the signature
 * of the key it knows) and can fail the next delivery once; {@code /broken} always answers 503.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String accessKeyId;
    private final byte[] secret;
    private final List<JsonNode> accepted = new ArrayList<>();
    private final AtomicBoolean failNext = new AtomicBoolean();
    private final AtomicBoolean failedOnce = new AtomicBoolean();
    private final AtomicInteger badSignatures = new AtomicInteger();

    WebhookReceiver(String accessKeyId, String secret) throws IOException {
        this.accessKeyId = accessKeyId;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::hook);
        server.createContext("/broken", exchange -> answer(exchange, 503));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void failNext() {
        failNext.set(true);
    }

    boolean failedOnce() {
        return failedOnce.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    /** Waits until at least {@code count} deliveries were accepted; what was accepted, in order. */
    List<JsonNode> await(int count) {
        KubeSphereFixtures.await(() -> accepted().size() >= count, Duration.ofMinutes(3), () -> "accepted " + accepted());
        return accepted();
    }

    private synchronized List<JsonNode> accepted() {
        return List.copyOf(accepted);
    }

    private void hook(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!signedByTheKey(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body)) {
            badSignatures.incrementAndGet();
            answer(exchange, 401);
            return;
        }
        if (failNext.compareAndSet(true, false)) {
            failedOnce.set(true);
            answer(exchange, 500);
            return;
        }
        synchronized (this) {
            accepted.add(JSON.readTree(body));
        }
        answer(exchange, 204);
    }

    private boolean signedByTheKey(String header, byte[] body) {
        if (header == null || !header.startsWith("t=")) {
            return false;
        }
        String[] parts = header.split(", ");
        String time = parts[0].substring(2);
        for (String part : parts) {
            if (part.equals(accessKeyId + "=" + WebhookSignature.sign(secret, time, body))) {
                return true;
            }
        }
        return false;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
