package io.baas.iam.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.baas.error.ErrorKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TokenReview against a stand-in ks-apiserver that checks the request it gets. */
class TokenReviewClientTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<JsonNode> received = new AtomicReference<>();
    private HttpServer apiserver;
    private TokenReviewClient client;

    @BeforeEach
    void start() throws IOException {
        apiserver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        apiserver.createContext("/oauth/authenticate", exchange -> {
            received.set(json.readTree(exchange.getRequestBody()));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        apiserver.start();
        client = new TokenReviewClient(URI.create("http://127.0.0.1:" + apiserver.getAddress().getPort() + "/"), json, java.time.Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        apiserver.stop(0);
    }

    @Test
    void aLiveTokenNamesItsUser() {
        answer.set("{\"apiVersion\":\"authentication.k8s.io/v1beta1\",\"kind\":\"TokenReview\",\"status\":{\"authenticated\":true,\"user\":{\"username\":\"alice\"}}}");
        assertThat(client.review("tok-1")).isEqualTo("alice");
        assertThat(received.get().path("kind").asText()).isEqualTo("TokenReview");
        assertThat(received.get().path("spec").path("token").asText()).isEqualTo("tok-1");
    }

    @Test
    void aLoggedOutTokenIsRevoked() {
        answer.set("{\"status\":{\"authenticated\":false}}");
        assertThatThrownBy(() -> client.review("tok-2")).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo("TokenRevoked"));
        status.set(401);
        answer.set("{\"kind\":\"Status\",\"code\":401}");
        assertThatThrownBy(() -> client.review("tok-2")).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo("TokenRevoked"));
    }

    @Test
    void anUnreachableOrFailingApiserverMeansUnavailableNotUnauthorized() {
        status.set(500);
        answer.set("oops");
        assertThatThrownBy(() -> client.review("tok-3")).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        apiserver.stop(0);
        assertThatThrownBy(() -> client.review("tok-3")).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    @Test
    void anApiserverThatNeverAnswersIsGivenUpOnAfterTheConfiguredTimeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        apiserver.removeContext("/oauth/authenticate");
        apiserver.createContext("/oauth/authenticate", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        TokenReviewClient impatient = new TokenReviewClient(URI.create("http://127.0.0.1:" + apiserver.getAddress().getPort()), json,
                java.time.Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> impatient.review("tok-4")).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        } finally {
            release.countDown();
        }
    }
}
