package io.baas.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Calls of the service's REST API as a user, with a JSON body when one is given. */
public final class BaasApi {

    public static final String PREFIX = "/kapis/baas.io/v1";

    private BaasApi() {
    }

    /** @param path under {@link #PREFIX}, starting with a slash */
    public static Response call(String user, String method, String path, Object body) {
        var request = given().header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().request(method, PREFIX + path);
    }
}
