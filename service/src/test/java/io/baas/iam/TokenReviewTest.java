package io.baas.iam;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code baas.iam.token-review} every token is also put to ks-apiserver's TokenReview, end to
 * end: a token it confirms gets through, one it no longer accepts or gives to another user is 401.
 * That call blocks, so it must run on a worker thread, never on the event loop that serves every
 * other request (tokens are otherwise verified on the event loop, from memory).
 */
@QuarkusTest
@TestProfile(TokenReviewTest.WithTokenReview.class)
class TokenReviewTest {

    private static final String CONSORTIA = "/kapis/baas.io/v1/consortia";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the fake ks-apiserver says of each token: the user it belongs to; absent, logged out. */
    static final Map<String, String> LIVE_TOKENS = new ConcurrentHashMap<>();
    /** The threads that were waiting on a TokenReview while the fake ks-apiserver answered it. */
    static final List<String> REVIEWING_THREADS = new CopyOnWriteArrayList<>();
    static final HttpServer APISERVER = apiserver();

    public static class WithTokenReview implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("baas.iam.token-review", "true",
                    "baas.iam.apiserver-url", "http://127.0.0.1:" + APISERVER.getAddress().getPort());
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @BeforeEach
    void users() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.user("rita");
        LIVE_TOKENS.clear();
        REVIEWING_THREADS.clear();
    }

    @Test
    void aTokenKsApiserverConfirmsGetsThroughAndWasReviewedOnAWorkerThread() {
        String token = TestTokens.bearer("admin");
        LIVE_TOKENS.put(token.substring("Bearer ".length()), "admin");
        given().header("Authorization", token).when().get(CONSORTIA).then().statusCode(200);
        assertThat(REVIEWING_THREADS).isNotEmpty().noneMatch(name -> name.startsWith("vert.x-eventloop"));
    }

    @Test
    void aLoggedOutTokenIsRefusedThoughItsSignatureIsGood() {
        assertError(given().header("Authorization", TestTokens.bearer("rita")).when().get(CONSORTIA).then(), 401, "TokenRevoked");
        assertThat(REVIEWING_THREADS).isNotEmpty();
    }

    @Test
    void aTokenKsApiserverGivesToAnotherUserIsRefused() {
        String token = TestTokens.bearer("admin");
        LIVE_TOKENS.put(token.substring("Bearer ".length()), "rita");
        assertError(given().header("Authorization", token).when().get(CONSORTIA).then(), 401, "TokenRevoked");
    }

    private static HttpServer apiserver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth/authenticate", exchange -> {
                REVIEWING_THREADS.addAll(threadsIn("io.baas.iam.token.TokenReviewClient", "review"));
                String token = JSON.readTree(exchange.getRequestBody()).path("spec").path("token").asText();
                String user = LIVE_TOKENS.get(token);
                String status = user == null ? "{\"authenticated\":false}"
                        : "{\"authenticated\":true,\"user\":{\"username\":\"" + user + "\"}}";
                byte[] body = ("{\"apiVersion\":\"authentication.k8s.io/v1beta1\",\"kind\":\"TokenReview\",\"status\":" + status + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the threads (in this JVM, the service's too) now inside that method. */
    private static List<String> threadsIn(String className, String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(className) && frame.getMethodName().equals(method)))
                .map(thread -> thread.getKey().getName())
                .toList();
    }
}
