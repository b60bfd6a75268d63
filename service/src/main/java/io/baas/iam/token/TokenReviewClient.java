package io.baas.iam.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.config.BaasConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks ks-apiserver whether a token is still live ({@code POST /oauth/authenticate} with a
 * TokenReview), which local verification cannot know after a logout.
 */
@Singleton
public class TokenReviewClient {

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI endpoint;
    private final Duration timeout;

    @jakarta.inject.Inject
    public TokenReviewClient(BaasConfig config, ObjectMapper json) {
        this(URI.create(config.iam().apiserverUrl()), json, config.iam().tokenReviewTimeout());
    }

    TokenReviewClient(URI apiserver, ObjectMapper json, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.json = json;
        this.endpoint = URI.create(apiserver.toString().replaceAll("/+$", "") + "/oauth/authenticate");
    }

    /** The username ks-apiserver says the token belongs to; rejects a token it does not accept. */
    public String review(String token) {
        Map<String, Object> body = Map.of(
                "apiVersion", "authentication.k8s.io/v1beta1",
                "kind", "TokenReview",
                "spec", Map.of("token", token));
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw TokenRejectedException.unverifiable("ks-apiserver could not be asked about the token: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TokenRejectedException.unverifiable("Interrupted while asking ks-apiserver about the token.");
        }
        JsonNode status;
        try {
            status = json.readTree(response.body()).path("status");
        } catch (IOException e) {
            status = json.missingNode();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403
                || (response.statusCode() == 200 && !status.path("authenticated").asBoolean(false))) {
            throw TokenRejectedException.of("TokenRevoked", "ks-apiserver no longer accepts this token (logged out or revoked).");
        }
        if (response.statusCode() != 200) {
            throw TokenRejectedException.unverifiable("ks-apiserver answered TokenReview with HTTP " + response.statusCode() + ".");
        }
        return status.path("user").path("username").asText("");
    }
}
