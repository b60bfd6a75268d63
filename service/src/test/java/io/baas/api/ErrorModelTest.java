package io.baas.api;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures outside authentication keep the one error shape and never leak internals. */
@QuarkusTest
class ErrorModelTest {

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @BeforeEach
    void users() {
        new KubeSphereFixtures(client, iam).user("olga");
    }

    @Test
    void anUnknownRouteIsNotFoundForThoseAllowedToAsk() {
        assertError(given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/nonsense").then(), 404, "NotFound");
    }

    @Test
    void anUnknownRouteIsForbiddenToOthersBeforeItIsLookedUp() {
        assertError(given().header("Authorization", TestTokens.bearer("olga"))
                .when().get("/kapis/baas.io/v1/nonsense").then(), 403, "Forbidden");
        assertError(given().when().get("/kapis/baas.io/v1/nonsense").then(), 401, "MissingToken");
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        assertError(given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json").body("{}")
                .when().post("/kapis/baas.io/v1/consortia").then(), 405, "MethodNotAllowed");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        assertError(given().header("Authorization", TestTokens.bearer("admin")).contentType("application/json").body(body)
                .when().post("/kapis/baas.io/v1/consortia").then(), 413, "RequestEntityTooLarge");
    }

    @Test
    void invalidListParametersAreBadRequests() {
        assertError(given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/consortia?page=0&ascending=maybe").then(), 400, "BadRequest");
    }
}
