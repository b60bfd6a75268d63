package io.baas.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.RawHttp;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer refuses before any resource runs (too long a target, too many header bytes,
 * too large a streamed body, two Authorization headers) and what the JSON reader refuses (a number
 * or boolean where a string belongs, anything after the document): each answer in the error model.
 */
@QuarkusTest
class RequestLimitsTest {

    static final String ORGANIZATIONS = "/kapis/baas.io/v1/workspaces/ws-limits/organizations";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-limits");
        fixtures.user("limits-admin");
        fixtures.workspaceRoleBinding("limits-admin", "ws-limits", "admin");
    }

    private JsonNode error(RawHttp.Answer answer, int status, String reason) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("code").asInt()).isEqualTo(status);
        assertThat(body.path("reason").asText()).isEqualTo(reason);
        assertThat(body.path("message").asText()).isNotBlank();
        return body;
    }

    @Test
    void aTenThousandCharacterPathIs414WithTheErrorBody() throws Exception {
        String target = "/kapis/baas.io/v1/workspaces/" + "a".repeat(10_000);
        error(RawHttp.send(RestAssured.port, "GET", target, null), 414, "UriTooLong");
    }

    @Test
    void aHundredKilobyteTokenIs431WithTheErrorBody() throws Exception {
        String header = "Authorization: Bearer " + "x".repeat(100 * 1024);
        error(RawHttp.send(RestAssured.port, "GET", "/kapis/baas.io/v1/consortia", null, header), 431,
                "RequestHeaderFieldsTooLarge");
    }

    @Test
    void aTwoMegabyteChunkedBodyIs413WithTheErrorBody() throws Exception {
        RawHttp.Answer answer = RawHttp.sendChunked(RestAssured.port, "POST", ORGANIZATIONS,
                "{\"name\": \"lim-big\", \"mspId\": \"LimBigMSP\", \"displayName\": \"", 64, 32 * 1024,
                "Authorization: " + TestTokens.bearer("limits-admin"));
        error(answer, 413, "RequestEntityTooLarge");
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        RawHttp.Answer answer = RawHttp.send(RestAssured.port, "GET", ORGANIZATIONS, null,
                "Authorization: " + TestTokens.bearer("limits-admin"), "Authorization: " + TestTokens.bearer("someone-else"));
        error(answer, 400, "DuplicateAuthorization");
        RawHttp.Answer anonymousFirst = RawHttp.send(RestAssured.port, "GET", ORGANIZATIONS, null,
                "Authorization: Bearer nothing", "Authorization: " + TestTokens.bearer("limits-admin"));
        error(anonymousFirst, 400, "DuplicateAuthorization");
    }

    @Test
    void numbersAndBooleansAreNotStrings() {
        for (String body : new String[] {
                "{\"name\": \"lim-a\", \"mspId\": 7}",
                "{\"name\": \"lim-a\", \"mspId\": 7.5}",
                "{\"name\": true, \"mspId\": \"LimAMSP\"}",
                "{\"name\": \"lim-a\", \"mspId\": \"LimAMSP\", \"displayName\": false}"}) {
            given().header("Authorization", TestTokens.bearer("limits-admin")).contentType("application/json").body(body)
                    .when().post(ORGANIZATIONS)
                    .then().statusCode(400).body("reason", org.hamcrest.Matchers.equalTo("BadRequest"));
        }
        assertThat(given().header("Authorization", TestTokens.bearer("limits-admin")).get(ORGANIZATIONS + "/lim-a").statusCode())
                .isEqualTo(404);
    }

    @Test
    void nothingMayFollowTheDocument() {
        for (String body : new String[] {
                "{\"name\": \"lim-b\", \"mspId\": \"LimBMSP\"} {\"name\": \"lim-c\"}",
                "{\"name\": \"lim-b\", \"mspId\": \"LimBMSP\"} garbage",
                "{\"name\": \"lim-b\", \"mspId\": \"LimBMSP\"}]"}) {
            int status = given().header("Authorization", TestTokens.bearer("limits-admin")).contentType("application/json")
                    .body(body).when().post(ORGANIZATIONS).then().extract().statusCode();
            assertThat(status).as(body).isEqualTo(400);
        }
        assertThat(given().header("Authorization", TestTokens.bearer("limits-admin")).get(ORGANIZATIONS + "/lim-b").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBodyReadWholeAndABodyStreamedAreReadAlike() {
        // At most BodyLimit.SMALL_BODY_BYTES the body is read on the event loop before the resource; one byte more, it streams.
        for (long size : new long[] {BodyLimit.SMALL_BODY_BYTES, BodyLimit.SMALL_BODY_BYTES + 1}) {
            String name = "lim-size-" + size;
            String document = "{\"name\": \"" + name + "\", \"mspId\": \"LimSize" + size + "MSP\"}";
            String body = document.substring(0, document.length() - 1) + " ".repeat((int) size - document.length()) + "}";
            assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize((int) size);
            given().header("Authorization", TestTokens.bearer("limits-admin")).contentType("application/json").body(body)
                    .when().post(ORGANIZATIONS)
                    .then().statusCode(201).body("metadata.name", org.hamcrest.Matchers.equalTo(name));
            given().header("Authorization", TestTokens.bearer("limits-admin")).get(ORGANIZATIONS + "/" + name)
                    .then().statusCode(200);
        }
    }
}
