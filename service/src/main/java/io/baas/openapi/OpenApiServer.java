package io.baas.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.api.ApiError;
import io.baas.api.ApiErrors;
import io.baas.config.BaasConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The open API's own HTTP server, on a port of its own: it serves {@code /openapi/v1} and nothing
 * else (no {@code /kapis}, no {@code /q}), trusts no proxy header, and takes a request in three
 * steps: its headers verified and its scope checked before the body is read; the body read up to
 * its limit and checked against the digest the signature covers; then the operation, off the event
 * loop. Every call that names a route is logged with its application, key, outcome and latency.
 */
@ApplicationScoped
public class OpenApiServer {

    private static final Logger LOG = Logger.getLogger(OpenApiServer.class);
    private static final long PRUNE_EVERY_MILLIS = 60_000;
    private static final long DRAIN_SLACK = 1024 * 1024;
    /** The OpenAPI document of the routes, served on this port for client generators. */
    public static final String DOCUMENT_PATH = OpenApiRoutes.BASE + "/openapi.yaml";
    private final byte[] document = document();

    private final Vertx vertx;
    private final BaasConfig.OpenApi config;
    private final OpenApiRoutes routes;
    private final SignedRequestVerifier verifier;
    private final NonceLedger nonces;
    private final OpenApiCallLog callLog;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final RateLimiter rateLimiter;
    private volatile HttpServer server;
    private long pruneTimer = -1;

    OpenApiServer(Vertx vertx, BaasConfig config, OpenApiRoutes routes, SignedRequestVerifier verifier, NonceLedger nonces,
                  OpenApiCallLog callLog, ObjectMapper json, MeterRegistry meters, RateLimiter rateLimiter) {
        this.vertx = vertx;
        this.config = config.openApi();
        this.routes = routes;
        this.verifier = verifier;
        this.nonces = nonces;
        this.callLog = callLog;
        this.json = json;
        this.meters = meters;
        this.rateLimiter = rateLimiter;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setDecompressionSupported(false);
        server = vertx.createHttpServer(options).requestHandler(this::handle).listen().toCompletionStage().toCompletableFuture().join();
        pruneTimer = vertx.setPeriodic(PRUNE_EVERY_MILLIS, id -> vertx.executeBlocking(() -> nonces.prune(Instant.now()), false)
                .onFailure(e -> LOG.warnf("Expired nonces were not pruned: %s", e.getMessage())));
        LOG.infof("The open API listens on %s:%d", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            vertx.cancelTimer(pruneTimer);
            server.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        }
    }

    /** The port it listens on (the configured one, or the one picked for 0); -1 when it is off. */
    public int port() {
        HttpServer current = server;
        return current == null ? -1 : current.actualPort();
    }

    /** One request's progress: where it came in, when, which route, and once verified, for whom. */
    private static final class Exchange {
        final HttpServerRequest request;
        final OpenApiRoutes.Matched matched;
        final long startedNanos = System.nanoTime();
        final Instant startedAt = Instant.now();
        SignedRequestVerifier.Verified verified;
        boolean bodyRead;
        boolean answered;

        Exchange(HttpServerRequest request, OpenApiRoutes.Matched matched) {
            this.request = request;
            this.matched = matched;
        }
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        if (request.method() == io.vertx.core.http.HttpMethod.GET && DOCUMENT_PATH.equals(request.path())) {
            // The description of these routes is public, like any API reference: no signature asked.
            send(request, 200, document, "application/yaml", true);
            return;
        }
        Optional<OpenApiRoutes.Matched> matched = routes.match(request.method().name(), request.path());
        if (matched.isEmpty()) {
            send(request, 404, error(new ApiError(404, "NotFound", "No such route; this port serves " + OpenApiRoutes.BASE + " only.")),
                    "application/json", true);
            return;
        }
        Exchange exchange = new Exchange(request, matched.get());
        String length = request.getHeader("content-length");
        if (length != null && (!length.matches("\\d{1,18}") || Long.parseLong(length) > config.maxBodyBytes())) {
            // Answered at once; a body within the drain bound is still read and dropped, so the answer arrives.
            finish(exchange, null, tooLarge());
            return;
        }
        SignedRequestVerifier.SignedRequest signed = new SignedRequestVerifier.SignedRequest(request.method().name(), request.path(),
                request.query(), headers(request));
        vertx.executeBlocking(() -> {
            SignedRequestVerifier.Verified verified = verifier.verify(signed);
            try {
                exchange.matched.route().guard().check(verified.application(), exchange.matched.path());
            } catch (OpenApiRefusal refusal) {
                throw refusal.by(verified.application());
            }
            // Only requests in scope spend the application's rate: a refused one costs it nothing.
            java.util.OptionalLong wait = rateLimiter.take(verified.application());
            if (wait.isPresent()) {
                throw OpenApiRefusal.rateLimited(verified.application(), wait.getAsLong());
            }
            return verified;
        }, false).onComplete(checked -> {
            if (checked.failed()) {
                finish(exchange, null, checked.cause());
                return;
            }
            exchange.verified = checked.result();
            readBody(exchange);
        });
    }

    private void readBody(Exchange exchange) {
        Buffer body = Buffer.buffer();
        HttpServerRequest request = exchange.request;
        request.handler(chunk -> {
            if (exchange.answered) {
                return;
            }
            if (body.length() + (long) chunk.length() > config.maxBodyBytes()) {
                finish(exchange, null, tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> LOG.debugf("An open API request broke off: %s", e.getMessage()));
        request.endHandler(end -> {
            exchange.bodyRead = true;
            if (!exchange.answered) {
                act(exchange, body.getBytes());
            }
        });
        request.resume();
    }

    private void act(Exchange exchange, byte[] body) {
        HttpServerRequest request = exchange.request;
        String contentType = request.getHeader("content-type");
        String rawQuery = request.query();
        vertx.executeBlocking(() -> {
            if (!RequestSignature.sha256Hex(body).equals(exchange.verified.contentSha256())) {
                throw new OpenApiRefusal(400, "ContentDigestMismatch", "The body's SHA-256 is not the one header "
                        + RequestSignature.CONTENT_HEADER + " gives and the signature covers.");
            }
            return exchange.matched.route().handler().handle(new OpenApiRoutes.Invocation(exchange.verified.application(),
                    exchange.matched.path(), query(rawQuery), contentType, body));
        }, false).onComplete(done -> finish(exchange, done.succeeded() ? done.result() : null, done.cause()));
    }

    /** Answers the exchange once, with the answer or the failure's error, and logs and measures the call. */
    private void finish(Exchange exchange, OpenApiRoutes.Answer answer, Throwable failure) {
        if (exchange.answered) {
            return;
        }
        exchange.answered = true;
        int status;
        String reason = null;
        if (failure == null) {
            status = answer.status();
            byte[] bytes = answer.raw() != null ? answer.raw() : write(answer.body());
            send(exchange.request, status, bytes, answer.contentType(), !exchange.bodyRead);
        } else {
            ApiError error = failure instanceof OpenApiRefusal refusal
                    ? new ApiError(refusal.status(), refusal.reason(), refusal.getMessage())
                    : ApiErrors.of(failure);
            status = error.code();
            reason = error.reason();
            if (failure instanceof OpenApiRefusal refusal && refusal.retryAfterSeconds() > 0) {
                exchange.request.response().putHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            }
            send(exchange.request, status, error(error), "application/json", !exchange.bodyRead);
        }
        io.baas.application.SignedApplication application = exchange.verified != null ? exchange.verified.application()
                : failure instanceof OpenApiRefusal refusal ? refusal.application().orElse(null) : null;
        record(exchange, application, status, reason);
    }

    private void record(Exchange exchange, io.baas.application.SignedApplication application, int status, String reason) {
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - exchange.startedNanos);
        String operation = exchange.matched.route().operation();
        Timer.builder("baas.openapi.requests").description("Calls on the open API, by application, operation and status")
                .tag("application", application == null ? "" : application.namespace() + "/" + application.name())
                .tag("operation", operation).tag("status", Integer.toString(status))
                .register(meters).record(micros, TimeUnit.MICROSECONDS);
        var remote = exchange.request.remoteAddress();
        OpenApiCall call = new OpenApiCall(exchange.startedAt, application == null ? null : application.id(),
                application == null ? null : application.namespace(),
                application == null ? null : application.name(), application == null ? null : application.accessKeyId(), operation,
                exchange.request.method().name(), exchange.request.path(), status, reason, micros, remote == null ? null : remote.hostAddress());
        vertx.executeBlocking(() -> {
            callLog.record(call);
            return null;
        }, false);
    }

    /**
     * Writes the answer. A request answered before its body was read has the rest of its body read
     * and dropped (up to a bound) and its connection closed after, so the client sees the answer
     * rather than a reset; a body past the bound is cut off with the connection.
     */
    private void send(HttpServerRequest request, int status, byte[] body, String contentType, boolean bodyUnread) {
        HttpServerResponse response = request.response().setStatusCode(status).putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", RequestSignature.SCHEME);
        }
        if (!bodyUnread) {
            response.end(Buffer.buffer(body));
            return;
        }
        response.putHeader("Connection", "close");
        response.end(Buffer.buffer(body));
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > drainLimit()) {
                request.connection().close();
            }
        });
        request.endHandler(end -> request.connection().close());
        request.resume();
    }

    /** How much of an unwanted body is read and dropped before the connection is cut. */
    private long drainLimit() {
        return config.maxBodyBytes() + DRAIN_SLACK;
    }

    private static byte[] document() {
        try (var in = OpenApiServer.class.getResourceAsStream("/openapi/open-api-v1.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("The open API's OpenAPI document is missing from the build", e);
        }
    }

    private OpenApiRefusal tooLarge() {
        return new OpenApiRefusal(413, "BodyTooLarge", "The body is larger than the open API takes (" + config.maxBodyBytes() + " bytes).");
    }

    private byte[] error(ApiError error) {
        return write(error);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return "{\"code\":500,\"reason\":\"InternalError\",\"message\":\"The answer could not be written.\"}"
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Headers by lower-case name; a header sent more than once is its values joined with commas, as signed. */
    private static Map<String, String> headers(HttpServerRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", request.headers().getAll(name)));
        }
        return headers;
    }

    /** The query's parameters decoded, the first of each name (the signature covered them all). */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                int equals = part.indexOf('=');
                String name = RequestSignature.decode(equals < 0 ? part : part.substring(0, equals));
                query.putIfAbsent(name, equals < 0 ? "" : RequestSignature.decode(part.substring(equals + 1)));
            }
        }
        return query;
    }
}
