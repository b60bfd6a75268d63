package io.baas.openapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small client of the open API, as docs/open-api.md gives it to integrators: signs each request
 * with {@code KSB-HMAC-SHA256} and sends it with the JDK's HTTP client. It uses only the JDK and
 * {@link RequestSignature} (itself JDK-only, to be copied along).
 */
public final class OpenApiClient {

    /** The headers a signed request carries, Authorization included. */
    public record Signed(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    }

    private final URI base;
    private final String accessKeyId;
    private final byte[] secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SecureRandom random = new SecureRandom();

    public OpenApiClient(URI base, String accessKeyId, String secret) {
        this.base = base;
        this.accessKeyId = accessKeyId;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secret() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    /** Signs and sends; {@code contentType} may be null for a request without a body. */
    public HttpResponse<String> send(String method, String pathAndQuery, String contentType, byte[] body) throws IOException,
            InterruptedException {
        return send(sign(method, pathAndQuery, contentType, body, Instant.now(), nonce()));
    }

    /** The signed headers of a request, at a given time and with a given nonce. */
    public Signed sign(String method, String pathAndQuery, String contentType, byte[] body, Instant at, String nonce) {
        byte[] content = body == null ? new byte[0] : body;
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        Map<String, String> signed = new TreeMap<>();
        signed.put("host", base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()));
        signed.put(RequestSignature.CONTENT_HEADER, RequestSignature.sha256Hex(content));
        signed.put(RequestSignature.DATE_HEADER, RequestSignature.date(at));
        signed.put(RequestSignature.NONCE_HEADER, nonce);
        if (contentType != null) {
            signed.put("content-type", contentType);
        }
        String canonical = RequestSignature.canonicalRequest(method, path, query, signed, signed.get(RequestSignature.CONTENT_HEADER));
        String signature = RequestSignature.sign(secret, RequestSignature.stringToSign(signed.get(RequestSignature.DATE_HEADER), canonical));
        Map<String, String> headers = new LinkedHashMap<>(signed);
        headers.put("authorization", new RequestSignature.Authorization(accessKeyId, signed.keySet().stream().toList(), signature).header());
        return new Signed(method, pathAndQuery, headers, content);
    }

    /** Sends a signed request as it is: sending one twice is a replay. */
    public HttpResponse<String> send(Signed request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.pathAndQuery()))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!name.equals("host")) { // the JDK's client writes Host itself, as signed: host and port
                builder.header(name, value);
            }
        });
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String nonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
