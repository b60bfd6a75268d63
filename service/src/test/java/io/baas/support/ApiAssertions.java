package io.baas.support;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.ValidatableResponse;

/** The error model every failure must follow: {code, reason, message, details?}, and nothing internal. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    public static ValidatableResponse assertError(ValidatableResponse response, int status, String reason) {
        return response.statusCode(status)
                .contentType("application/json")
                .body("code", equalTo(status))
                .body("reason", equalTo(reason))
                .body("message", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("io.baas")))
                .body(not(containsString("\tat ")));
    }
}
