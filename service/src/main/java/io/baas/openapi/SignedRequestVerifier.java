package io.baas.openapi;

import io.baas.application.Applications;
import io.baas.application.SignedApplication;
import io.baas.config.BaasConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a signed request's headers before its body is read: the scheme, the time within the
 * allowed skew, the signature with the key's secret, the key enabled, the nonce not seen before
 * (in that order: a nonce is taken only by a request that proved it holds the secret). An unknown
 * key and a wrong secret are refused alike, after the same work.
 */
@ApplicationScoped
public class SignedRequestVerifier {

    /** Signs for keys that do not exist, so that they cost what a wrong secret costs. */
    private static final byte[] DECOY_SECRET = "ks-baas-decoy-secret-for-unknown-keys".getBytes(StandardCharsets.UTF_8);

    private final Applications applications;
    private final NonceLedger nonces;
    private final Duration skew;
    private final Clock clock;

    @jakarta.inject.Inject
    SignedRequestVerifier(Applications applications, NonceLedger nonces, BaasConfig config) {
        this(applications, nonces, config.openApi().clockSkew(), Clock.systemUTC());
    }

    SignedRequestVerifier(Applications applications, NonceLedger nonces, Duration skew, Clock clock) {
        this.applications = applications;
        this.nonces = nonces;
        this.skew = skew;
        this.clock = clock;
    }

    /** A request as the verifier needs it: method, raw path and query, headers by lower-case name. */
    public record SignedRequest(String method, String path, String rawQuery, Map<String, String> headers) {
    }

    /** The application the request speaks for, with the body digest its signature covers. */
    public record Verified(SignedApplication application, String contentSha256) {
    }

    public Verified verify(SignedRequest request) {
        RequestSignature.Authorization authorization = RequestSignature.parse(request.headers().get("authorization"))
                .orElseThrow(() -> OpenApiRefusal.unauthenticated("SignatureMissing", "Sign the request: Authorization: "
                        + RequestSignature.SCHEME + " Credential=<access key ID>, SignedHeaders=<names>, Signature=<hex>."));
        for (String required : RequestSignature.REQUIRED_HEADERS) {
            if (!authorization.signedHeaders().contains(required)) {
                throw OpenApiRefusal.unauthenticated("SignatureMalformed", "The signature must cover header " + required + ".");
            }
        }
        if (request.headers().containsKey("content-type") && !authorization.signedHeaders().contains("content-type")) {
            throw OpenApiRefusal.unauthenticated("SignatureMalformed", "The signature must cover header content-type.");
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : authorization.signedHeaders()) {
            String value = request.headers().get(name);
            if (value == null) {
                throw OpenApiRefusal.unauthenticated("SignatureMalformed", "Signed header " + name + " is not in the request.");
            }
            signed.put(name, value);
        }
        String date = signed.get(RequestSignature.DATE_HEADER);
        checkTime(date);
        String nonce = signed.get(RequestSignature.NONCE_HEADER);
        if (!RequestSignature.NONCE.matcher(nonce).matches()) {
            throw OpenApiRefusal.unauthenticated("SignatureMalformed", "The nonce must be 16 to 64 letters, digits, '-' or '_'.");
        }
        String content = signed.get(RequestSignature.CONTENT_HEADER).toLowerCase(Locale.ROOT);
        if (!content.matches("[0-9a-f]{64}")) {
            throw OpenApiRefusal.unauthenticated("SignatureMalformed", "Header " + RequestSignature.CONTENT_HEADER
                    + " must be the body's SHA-256 in hex.");
        }
        String canonical;
        try {
            canonical = RequestSignature.canonicalRequest(request.method(), request.path(), request.rawQuery(), signed, content);
        } catch (IllegalArgumentException e) {
            throw new OpenApiRefusal(400, "BadRequest", "The query string is not well formed.");
        }
        Optional<SignedApplication> found = applications.signing(authorization.accessKeyId());
        String expected = RequestSignature.sign(found.map(SignedApplication::secret).orElse(DECOY_SECRET),
                RequestSignature.stringToSign(date, canonical));
        if (found.isEmpty() || !RequestSignature.same(expected, authorization.signature())) {
            throw OpenApiRefusal.unauthenticated("SignatureMismatch", "The signature does not match the request with the key's secret,"
                    + " or the key does not exist.");
        }
        SignedApplication application = found.get();
        if (!application.keyEnabled()) {
            throw OpenApiRefusal.unauthenticated("KeyDisabled", "Access key " + application.accessKeyId() + " is disabled.").by(application);
        }
        if (!applications.stillHeld(application)) {
            throw OpenApiRefusal.outOfScope("Namespace " + application.namespace() + " is no longer held by the consortium the application"
                    + " was made in.").by(application);
        }
        if (!nonces.take(application.accessKeyId(), nonce, clock.instant().plus(skew).plus(skew))) {
            throw OpenApiRefusal.unauthenticated("NonceReused", "This nonce was used before with the key: a replayed request is refused.")
                    .by(application);
        }
        applications.touch(application.accessKeyId());
        return new Verified(application, content);
    }

    private void checkTime(String date) {
        Instant signedAt;
        try {
            signedAt = RequestSignature.DATE_FORMAT.parse(date, Instant::from);
        } catch (DateTimeParseException e) {
            throw OpenApiRefusal.unauthenticated("SignatureMalformed", "Header " + RequestSignature.DATE_HEADER
                    + " must be the request's UTC time as yyyyMMddTHHmmssZ.");
        }
        Duration off = Duration.between(clock.instant(), signedAt).abs();
        if (off.compareTo(skew) > 0) {
            throw OpenApiRefusal.unauthenticated("RequestTimeSkewed", "The request was signed at " + date + ", more than "
                    + skew.toSeconds() + " s from the service's clock; sign it again.");
        }
    }
}
