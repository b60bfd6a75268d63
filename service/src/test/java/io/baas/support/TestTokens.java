package io.baas.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Mints tokens the way KubeSphere's issuer does (HS256 over the jwtSecret's raw bytes), and broken ones. */
public final class TestTokens {

    /** The secret of the test profile (application.properties). */
    public static final String SECRET = "ks-baas-test-jwt-secret";

    private TestTokens() {
    }

    public static String access(String username) {
        Instant now = Instant.now();
        return sign(Map.of("username", username, "token_type", "access_token", "iss", "kubesphere", "sub", username,
                "iat", now.getEpochSecond(), "exp", now.plusSeconds(3600).getEpochSecond()), SECRET);
    }

    public static String bearer(String username) {
        return "Bearer " + access(username);
    }

    /**
     * A KubeSphere service account's token as ks-controller-manager writes it into the account's
     * Secret: a static token without expiry, {@code sub} and {@code username} both the account's name.
     */
    public static String serviceAccount(String namespace, String name) {
        String username = "kubesphere:serviceaccount:" + namespace + ":" + name;
        return sign(Map.of("username", username, "sub", username, "token_type", "static_token", "iss", "kubesphere",
                "iat", Instant.now().getEpochSecond()), SECRET);
    }

    public static String sign(Map<String, Object> claims, String secret) {
        return sign(claims, secret, AlgorithmIdentifiers.HMAC_SHA256);
    }

    public static String sign(Map<String, Object> claims, String secret, String algorithm) {
        try {
            JwtClaims jwtClaims = new JwtClaims();
            claims.forEach(jwtClaims::setClaim);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(jwtClaims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setHeader("typ", "JWT");
            jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with {@code alg: none} and no signature, which must never be accepted. */
    public static String unsigned(Map<String, Object> claims) {
        JwtClaims jwtClaims = new JwtClaims();
        claims.forEach(jwtClaims::setClaim);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(jwtClaims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
