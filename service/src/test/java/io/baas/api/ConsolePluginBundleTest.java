package io.baas.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The console plugin's bundle, as the chart's JSBundle fetches it from the service: exactly the
 * built module, without a token (ks-apiserver fetches it, and it holds nothing secret), and nothing
 * else under its path.
 */
@QuarkusTest
class ConsolePluginBundleTest {

    static final String BUNDLE = "/dist/ks-baas/index.js";

    @Test
    void theBuiltBundleIsServedWithoutAToken() throws IOException {
        byte[] built;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources" + BUNDLE)) {
            assertThat(in).as("the console plugin's jar on the class path").isNotNull();
            built = in.readAllBytes();
        }
        var answer = given().when().get(BUNDLE).then().statusCode(200).extract();

        assertThat(answer.contentType()).contains("javascript");
        assertThat(answer.asByteArray()).isEqualTo(built);
        assertThat(answer.asString()).startsWith("System.register([");
    }

    @Test
    void nothingElseIsServedBesideIt() {
        given().when().get("/dist/ks-baas/").then().statusCode(404);
        given().when().get("/dist/ks-baas/index.js.map").then().statusCode(404);
        given().when().get("/dist/ks-baas/../ks-baas/index.js").then().statusCode(org.hamcrest.Matchers.not(200));
        given().when().get("/dist/").then().statusCode(404);
    }
}
