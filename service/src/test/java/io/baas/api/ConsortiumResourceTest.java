package io.baas.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.baas.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsortiumResourceTest {

    @Test
    void adminListsNoConsortiaOnAFreshPlatform() {
        given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/consortia")
                .then().statusCode(200)
                .body("totalItems", equalTo(0));
    }
}
