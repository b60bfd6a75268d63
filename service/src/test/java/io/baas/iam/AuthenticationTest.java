package io.baas.iam;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a KubeSphere token can fail on /kapis, end to end, each with its own JSON 401. */
@QuarkusTest
class AuthenticationTest {

    private static final String CONSORTIA = "/kapis/baas.io/v1/consortia";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @BeforeEach
    void users() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.disabledUser("mona");
    }

    private static Map<String, Object> claims(String user, String type) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("username", user);
        claims.put("token_type", type);
        claims.put("iss", "kubesphere");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    private static void expect401(String authorization, String reason) {
        var request = given();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        assertError(request.when().get(CONSORTIA).then(), 401, reason).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void adminWithAValidAccessTokenGetsThrough() {
        given().header("Authorization", TestTokens.bearer("admin")).when().get(CONSORTIA)
                .then().statusCode(200).body("totalItems", greaterThanOrEqualTo(0));
    }

    @Test
    void noTokenIsRefused() {
        expect401(null, "MissingToken");
    }

    @Test
    void aNonBearerAuthorizationIsRefused() {
        expect401("Basic YWRtaW46UEBzc3cwcmQ=", "MalformedToken");
    }

    @Test
    void malformedTokensAreRefused() {
        expect401("Bearer not.a.jwt", "MalformedToken");
        expect401("Bearer garbage", "MalformedToken");
    }

    @Test
    void expiredTokenIsRefused() {
        Map<String, Object> claims = claims("admin", "access_token");
        claims.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
        claims.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        expect401("Bearer " + TestTokens.sign(claims, TestTokens.SECRET), "TokenExpired");
    }

    @Test
    void notYetValidTokenIsRefused() {
        Map<String, Object> claims = claims("admin", "access_token");
        claims.put("iat", Instant.now().plusSeconds(3600).getEpochSecond());
        expect401("Bearer " + TestTokens.sign(claims, TestTokens.SECRET), "TokenNotYetValid");
    }

    @Test
    void wrongSignatureIsRefused() {
        expect401("Bearer " + TestTokens.sign(claims("admin", "access_token"), "not-the-secret"), "InvalidSignature");
    }

    @Test
    void algNoneAndOtherAlgorithmsAreRefused() {
        expect401("Bearer " + TestTokens.unsigned(claims("admin", "access_token")), "UnsupportedAlgorithm");
        expect401("Bearer " + TestTokens.sign(claims("admin", "access_token"), TestTokens.SECRET, AlgorithmIdentifiers.HMAC_SHA384),
                "UnsupportedAlgorithm");
    }

    @Test
    void refreshTokenIsRefused() {
        expect401("Bearer " + TestTokens.sign(claims("admin", "refresh_token"), TestTokens.SECRET), "UnsupportedTokenType");
    }

    @Test
    void unknownUserIsRefused() {
        expect401(TestTokens.bearer("nobody-here"), "UnknownUser");
    }

    @Test
    void disabledUserIsRefused() {
        expect401(TestTokens.bearer("mona"), "DisabledUser");
    }

    @Test
    void staticTokenWithoutExpiryIsAccepted() {
        Map<String, Object> claims = claims("admin", "static_token");
        claims.remove("exp");
        given().header("Authorization", "Bearer " + TestTokens.sign(claims, TestTokens.SECRET)).when().get(CONSORTIA)
                .then().statusCode(200);
    }

    @Test
    void accessTokenWithoutExpiryIsRefused() {
        Map<String, Object> claims = claims("admin", "access_token");
        claims.remove("exp");
        expect401("Bearer " + TestTokens.sign(claims, TestTokens.SECRET), "MalformedToken");
    }

    @Test
    void proxyHeadersAreIgnoredUnlessTrusted() {
        assertError(given().header("X-Remote-User", "admin").when().get(CONSORTIA).then(), 401, "MissingToken");
    }

    @Test
    void routesOutsideKapisNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
