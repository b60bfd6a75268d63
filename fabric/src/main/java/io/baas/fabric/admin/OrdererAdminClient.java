package io.baas.fabric.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.tls.TlsMaterial;
import io.baas.pki.CertifiedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A client of an orderer's channel participation API ({@code /participation/v1/channels}) over
 * mutual TLS, as {@code osnadmin} uses it: join with a genesis block, list, get, remove. Fabric's
 * answers become results (201 joined, 405 already joined, 404 absent) or a
 * {@link FabricAdminException} carrying the orderer's own message.
 */
public final class OrdererAdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNELS = "/participation/v1/channels";

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base {@code https://host:adminPort}
     * @param trustedCas the TLS CAs the orderer's admin certificate chains to
     * @param clientTls a TLS client certificate of a CA the orderer's admin endpoint trusts
     */
    public OrdererAdminClient(URI base, List<X509Certificate> trustedCas, CertifiedKey clientTls, Duration timeout) {
        this(base, httpClient(trustedCas, clientTls, timeout), timeout);
    }

    /** Over an HTTP client made by {@link #httpClient}, shared by every call with the same TLS pair and trust. */
    public OrdererAdminClient(URI base, HttpClient http, Duration timeout) {
        this.base = base;
        this.http = http;
        this.timeout = timeout;
    }

    /** An HTTP client that presents the client TLS pair and trusts only the given CAs. */
    public static HttpClient httpClient(List<X509Certificate> trustedCas, CertifiedKey clientTls, Duration connectTimeout) {
        return HttpClient.newBuilder()
                .sslContext(TlsMaterial.context(TlsMaterial.keyManagers(clientTls, List.of()), TlsMaterial.trustManagers(trustedCas)))
                .connectTimeout(connectTimeout)
                .build();
    }

    public enum JoinOutcome {
        /** 201: the orderer joined and answers for the channel now. */
        JOINED,
        /** 405: the orderer already serves the channel; nothing changed. */
        ALREADY_JOINED
    }

    /** A channel as the orderer reports it. */
    public record ChannelInfo(String name, String consensusRelation, String status, long height) {
    }

    /** Joins the channel whose genesis (or latest config) block this is. */
    public JoinOutcome join(Block configBlock) {
        String boundary = "ksbaas" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"config-block\"; filename=\"config.block\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(configBlock.toByteArray());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> response = send(request(CHANNELS)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        return switch (response.statusCode()) {
            case 201 -> JoinOutcome.JOINED;
            case 405 -> JoinOutcome.ALREADY_JOINED;
            default -> throw failure("join", response);
        };
    }

    /** The channels the orderer serves, by name. */
    public List<String> list() {
        HttpResponse<String> response = send(request(CHANNELS).GET().build());
        if (response.statusCode() != 200) {
            throw failure("list channels", response);
        }
        List<String> names = new ArrayList<>();
        read(response).path("channels").forEach(channel -> names.add(channel.path("name").asText()));
        return names;
    }

    public Optional<ChannelInfo> get(String channel) {
        HttpResponse<String> response = send(request(CHANNELS + "/" + channel).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure("get channel " + channel, response);
        }
        JsonNode json = read(response);
        return Optional.of(new ChannelInfo(json.path("name").asText(), json.path("consensusRelation").asText(),
                json.path("status").asText(), json.path("height").asLong()));
    }

    /** Removes the channel from the orderer; false when it did not serve it. */
    public boolean remove(String channel) {
        HttpResponse<String> response = send(request(CHANNELS + "/" + channel).DELETE().build());
        return switch (response.statusCode()) {
            case 204 -> true;
            case 404 -> false;
            default -> throw failure("remove channel " + channel, response);
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0,
                    "The orderer's admin endpoint " + base + " cannot be reached: "
                            + ConnectionFailures.describe(e, base.getHost() + ":" + base.getPort()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0, "Interrupted while calling " + base);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FabricAdminException(FabricAdminException.Reason.PROTOCOL, response.statusCode(),
                    "The orderer answered with a body that is not JSON.");
        }
    }

    /** The orderer's {"error": "..."} message, kept as it said it. */
    private static FabricAdminException failure(String action, HttpResponse<String> response) {
        String message = response.body();
        try {
            message = JSON.readTree(response.body()).path("error").asText(response.body());
        } catch (IOException ignored) {
            // not JSON: the body as it came
        }
        FabricAdminException.Reason reason = response.statusCode() >= 500 ? FabricAdminException.Reason.UNAVAILABLE
                : FabricAdminException.Reason.REFUSED;
        return new FabricAdminException(reason, response.statusCode(),
                "The orderer refused to " + action + " (HTTP " + response.statusCode() + "): " + message.strip());
    }
}
