package io.baas.iam.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Verifies KubeSphere access tokens as ks-apiserver does: HS256 over the raw bytes of the
 * jwtSecret, which may be shorter than the 256 bits that generic JWT libraries insist on and may
 * change at any time (the key is asked for on every call). Static tokens may live forever; access
 * tokens must expire. Pure apart from the clock and the secret supplier.
 *
 * <p>Every API call presents its token again, and parsing it (two JSON documents, two base64url
 * decodings, the HMAC) was a third of what a read request allocated. A token that verified is
 * remembered with the secret that verified it: it is answered again while the secret is the same
 * and it has not expired. Refused tokens are never remembered, so only tokens signed with the
 * secret take room, and at most {@value #MAX_REMEMBERED} of them.
 */
public class KubeSphereTokenVerifier {

    public static final String ACCESS_TOKEN = "access_token";
    public static final String STATIC_TOKEN = "static_token";
    private static final Set<String> ACCEPTED_TYPES = Set.of(ACCESS_TOKEN, STATIC_TOKEN);
    static final int MAX_REMEMBERED = 10_000;

    private final Supplier<Optional<byte[]>> secret;
    private final Clock clock;
    private final Duration skew;
    private final Map<String, Verified> remembered = new ConcurrentHashMap<>();

    private record Verified(byte[] secret, VerifiedToken token) {
    }

    public KubeSphereTokenVerifier(Supplier<Optional<byte[]>> secret, Clock clock, Duration skew) {
        this.secret = secret;
        this.clock = clock;
        this.skew = skew;
    }

    public VerifiedToken verify(String token) {
        Optional<byte[]> key = secret.get();
        Verified known = token == null || key.isEmpty() ? null : remembered.get(token);
        if (known != null) {
            if (MessageDigest.isEqual(known.secret(), key.get()) && notExpired(known.token())) {
                return known.token();
            }
            remembered.remove(token, known);
        }
        VerifiedToken verified = verifyAnew(token, key);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(token, new Verified(key.get(), verified));
        return verified;
    }

    /** How many verified tokens are remembered (for tests). */
    int remembered() {
        return remembered.size();
    }

    private boolean notExpired(VerifiedToken token) {
        return token.expiresAt().map(clock.instant()::isBefore).orElse(true);
    }

    private VerifiedToken verifyAnew(String token, Optional<byte[]> key) {
        JsonWebSignature jws = parse(token);
        verifySignature(jws, key);
        JwtClaims claims = claims(jws);
        try {
            String type = claims.getStringClaimValue("token_type");
            if (type == null) {
                throw TokenRejectedException.of("UnsupportedTokenType", "The token has no token_type; KubeSphere access tokens carry one.");
            }
            if (!ACCEPTED_TYPES.contains(type)) {
                throw TokenRejectedException.of("UnsupportedTokenType",
                        "A " + type + " cannot be used to call the API; use an access token.");
            }
            String username = claims.getStringClaimValue("username");
            if (username == null || username.isBlank()) {
                throw TokenRejectedException.of("MalformedToken", "The token names no user (claim username).");
            }
            String subject = claims.getSubject();
            Optional<Instant> expiresAt = checkTimes(claims, type);
            return new VerifiedToken(username, subject == null ? "" : subject, type, expiresAt, claims.getIssuer());
        } catch (MalformedClaimException e) {
            throw TokenRejectedException.of("MalformedToken", "A claim of the token has the wrong type.");
        }
    }

    private JsonWebSignature parse(String token) {
        if (token == null || token.isBlank()) {
            throw TokenRejectedException.of("MissingToken", "No bearer token was given.");
        }
        JsonWebStructure structure;
        try {
            structure = JsonWebStructure.fromCompactSerialization(token.trim());
        } catch (JoseException | RuntimeException e) {
            throw TokenRejectedException.of("MalformedToken", "The bearer token is not a JWT.");
        }
        if (!(structure instanceof JsonWebSignature jws)) {
            throw TokenRejectedException.of("MalformedToken", "The bearer token is not a signed JWT.");
        }
        String alg = jws.getAlgorithmHeaderValue();
        if (!AlgorithmIdentifiers.HMAC_SHA256.equals(alg)) {
            throw TokenRejectedException.of("UnsupportedAlgorithm",
                    "Tokens must be signed with HS256; this one says " + (alg == null ? "nothing" : alg) + ".");
        }
        return jws;
    }

    private void verifySignature(JsonWebSignature jws, Optional<byte[]> secretKey) {
        byte[] key = secretKey.orElseThrow(() -> TokenRejectedException.unverifiable(
                "The KubeSphere jwtSecret is not known yet, so no token can be verified."));
        jws.setKey(new HmacKey(key));
        // KubeSphere's default secrets are often shorter than 256 bits; that is its choice, not ours.
        jws.setDoKeyValidation(false);
        boolean valid;
        try {
            valid = jws.verifySignature();
        } catch (JoseException e) {
            valid = false;
        }
        if (!valid) {
            throw TokenRejectedException.of("InvalidSignature", "The token signature does not match the KubeSphere jwtSecret.");
        }
    }

    private static JwtClaims claims(JsonWebSignature jws) {
        try {
            return JwtClaims.parse(new String(jws.getUnverifiedPayloadBytes(), StandardCharsets.UTF_8));
        } catch (InvalidJwtException | RuntimeException e) {
            throw TokenRejectedException.of("MalformedToken", "The token claims are not a JSON object.");
        }
    }

    private Optional<Instant> checkTimes(JwtClaims claims, String type) throws MalformedClaimException {
        Instant now = clock.instant();
        NumericDate exp = claims.getExpirationTime();
        if (exp == null && ACCESS_TOKEN.equals(type)) {
            throw TokenRejectedException.of("MalformedToken", "An access token must have an expiry (claim exp).");
        }
        if (exp != null && !now.isBefore(instant(exp))) {
            throw TokenRejectedException.of("TokenExpired", "The token expired at " + instant(exp) + ".");
        }
        NumericDate nbf = claims.getNotBefore();
        if (nbf != null && now.plus(skew).isBefore(instant(nbf))) {
            throw TokenRejectedException.of("TokenNotYetValid", "The token is not valid before " + instant(nbf) + ".");
        }
        NumericDate iat = claims.getIssuedAt();
        if (iat != null && now.plus(skew).isBefore(instant(iat))) {
            throw TokenRejectedException.of("TokenNotYetValid", "The token was issued in the future, at " + instant(iat) + ".");
        }
        return Optional.ofNullable(exp).map(KubeSphereTokenVerifier::instant);
    }

    private static Instant instant(NumericDate date) {
        return Instant.ofEpochSecond(date.getValue());
    }
}
