package io.baas.iam.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.error.ErrorKind;
import io.baas.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

class KubeSphereTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    /** Shorter than 256 bits, as KubeSphere's generated secrets often are. */
    private static final String SHORT_SECRET = "s3cr3t";

    private final AtomicReference<String> secret = new AtomicReference<>(SHORT_SECRET);
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final KubeSphereTokenVerifier verifier = new KubeSphereTokenVerifier(
            () -> Optional.ofNullable(secret.get()).map(s -> s.getBytes(StandardCharsets.UTF_8)), new Clock() {
                @Override
                public Instant instant() {
                    return now.get();
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return Clock.fixed(instant(), zone); // the verifier never asks; a snapshot is what another zone would read now
                }
            }, Duration.ofSeconds(10));

    private static Map<String, Object> claims(String type) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("username", "alice");
        claims.put("token_type", type);
        claims.put("iss", "kubesphere");
        claims.put("iat", NOW.minusSeconds(60).getEpochSecond());
        claims.put("exp", NOW.plusSeconds(3600).getEpochSecond());
        return claims;
    }

    @Test
    void acceptsAnAccessTokenSignedWithAShortSecret() {
        VerifiedToken token = verifier.verify(TestTokens.sign(claims("access_token"), SHORT_SECRET));
        assertThat(token.username()).isEqualTo("alice");
        assertThat(token.tokenType()).isEqualTo("access_token");
        assertThat(token.expiresAt()).contains(NOW.plusSeconds(3600));
    }

    @Test
    void readsTheSubjectWhichTellsServiceAccountTokensApart() {
        Map<String, Object> claims = claims("static_token");
        claims.remove("exp");
        claims.put("username", "kubesphere:serviceaccount:proj:bot");
        claims.put("sub", "kubesphere:serviceaccount:proj:bot");
        assertThat(verifier.verify(TestTokens.sign(claims, SHORT_SECRET)).subject()).isEqualTo("kubesphere:serviceaccount:proj:bot");
        claims.remove("sub");
        assertThat(verifier.verify(TestTokens.sign(claims, SHORT_SECRET)).subject()).isEmpty();
        claims.put("sub", 42);
        assertRejected(TestTokens.sign(claims, SHORT_SECRET), "MalformedToken");
    }

    @Test
    void acceptsAStaticTokenWithoutExpiry() {
        Map<String, Object> claims = claims("static_token");
        claims.remove("exp");
        assertThat(verifier.verify(TestTokens.sign(claims, SHORT_SECRET)).expiresAt()).isEmpty();
    }

    @Test
    void rejectsAnAccessTokenWithoutExpiry() {
        Map<String, Object> claims = claims("access_token");
        claims.remove("exp");
        assertRejected(TestTokens.sign(claims, SHORT_SECRET), "MalformedToken");
    }

    @Test
    void rejectsAnExpiredTokenWithoutGrace() {
        Map<String, Object> claims = claims("access_token");
        claims.put("exp", NOW.getEpochSecond());
        assertRejected(TestTokens.sign(claims, SHORT_SECRET), "TokenExpired");
    }

    @Test
    void rejectsATokenIssuedBeyondTheClockSkew() {
        Map<String, Object> claims = claims("access_token");
        claims.put("iat", NOW.plusSeconds(11).getEpochSecond());
        assertRejected(TestTokens.sign(claims, SHORT_SECRET), "TokenNotYetValid");
        claims.put("iat", NOW.plusSeconds(9).getEpochSecond());
        assertThat(verifier.verify(TestTokens.sign(claims, SHORT_SECRET)).username()).isEqualTo("alice");
    }

    @Test
    void rejectsATokenNotValidBeforeALaterTime() {
        Map<String, Object> claims = claims("access_token");
        claims.put("nbf", NOW.plusSeconds(600).getEpochSecond());
        assertRejected(TestTokens.sign(claims, SHORT_SECRET), "TokenNotYetValid");
    }

    @Test
    void rejectsAWrongSignature() {
        assertRejected(TestTokens.sign(claims("access_token"), "another-secret"), "InvalidSignature");
    }

    @Test
    void rejectsATamperedPayload() {
        String token = TestTokens.sign(claims("access_token"), SHORT_SECRET);
        String[] parts = token.split("\\.");
        Map<String, Object> forged = claims("access_token");
        forged.put("username", "admin");
        String forgedPayload = TestTokens.sign(forged, SHORT_SECRET).split("\\.")[1];
        assertRejected(parts[0] + "." + forgedPayload + "." + parts[2], "InvalidSignature");
    }

    @Test
    void rejectsAlgNone() {
        assertRejected(TestTokens.unsigned(claims("access_token")), "UnsupportedAlgorithm");
    }

    @Test
    void rejectsOtherHmacAlgorithms() {
        assertRejected(TestTokens.sign(claims("access_token"), SHORT_SECRET, AlgorithmIdentifiers.HMAC_SHA512), "UnsupportedAlgorithm");
    }

    @Test
    void rejectsRefreshAndOtherTokenTypes() {
        assertRejected(TestTokens.sign(claims("refresh_token"), SHORT_SECRET), "UnsupportedTokenType");
        assertRejected(TestTokens.sign(claims("id_token"), SHORT_SECRET), "UnsupportedTokenType");
        Map<String, Object> untyped = claims("access_token");
        untyped.remove("token_type");
        assertRejected(TestTokens.sign(untyped, SHORT_SECRET), "UnsupportedTokenType");
    }

    @Test
    void rejectsMalformedTokens() {
        assertRejected("not-a-jwt", "MalformedToken");
        assertRejected("a.b.c", "MalformedToken");
        assertRejected("", "MissingToken");
        Map<String, Object> anonymous = claims("access_token");
        anonymous.remove("username");
        assertRejected(TestTokens.sign(anonymous, SHORT_SECRET), "MalformedToken");
        Map<String, Object> wrongType = claims("access_token");
        wrongType.put("exp", "tomorrow");
        assertRejected(TestTokens.sign(wrongType, SHORT_SECRET), "MalformedToken");
    }

    @Test
    void followsASecretThatChanges() {
        String before = TestTokens.sign(claims("access_token"), SHORT_SECRET);
        secret.set("rotated");
        assertRejected(before, "InvalidSignature");
        assertThat(verifier.verify(TestTokens.sign(claims("access_token"), "rotated")).username()).isEqualTo("alice");
    }

    @Test
    void aRememberedTokenStillExpires() {
        String token = TestTokens.sign(claims("access_token"), SHORT_SECRET);
        assertThat(verifier.verify(token).username()).isEqualTo("alice");
        assertThat(verifier.verify(token).username()).isEqualTo("alice");
        assertThat(verifier.remembered()).isEqualTo(1);
        now.set(NOW.plusSeconds(3600));
        assertRejected(token, "TokenExpired");
        assertThat(verifier.remembered()).isZero();
    }

    @Test
    void aRememberedTokenFollowsTheSecret() {
        String token = TestTokens.sign(claims("access_token"), SHORT_SECRET);
        verifier.verify(token);
        secret.set("rotated");
        assertRejected(token, "InvalidSignature");
        secret.set(null);
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        secret.set(SHORT_SECRET);
        assertThat(verifier.verify(token).username()).isEqualTo("alice");
    }

    @Test
    void remembersNoRefusedToken() {
        String token = TestTokens.sign(claims("access_token"), SHORT_SECRET);
        assertRejected(TestTokens.sign(claims("access_token"), "another-secret"), "InvalidSignature");
        assertRejected(token.substring(0, token.length() - 2) + "xx", "InvalidSignature");
        assertRejected(TestTokens.sign(claims("refresh_token"), SHORT_SECRET), "UnsupportedTokenType");
        assertRejected("not-a-jwt", "MalformedToken");
        assertThat(verifier.remembered()).isZero();
    }

    @Test
    void cannotVerifyWithoutASecret() {
        secret.set(null);
        assertThatThrownBy(() -> verifier.verify(TestTokens.sign(claims("access_token"), SHORT_SECRET)))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
                });
    }
}
