package io.baas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Body failures, mapped directly (no route reads a body yet; the first one will test them over HTTP). */
class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();
    private final ObjectMapper json = new ObjectMapper();

    record Spec(String name, int replicas) {
    }

    record Body(Spec spec) {
    }

    @Test
    void malformedJsonIsABadRequestThatSaysSo() {
        Exception failure = catching(() -> json.readValue("{\"spec\": ", Body.class));
        Response response = mappers.malformedJson((com.fasterxml.jackson.core.JsonProcessingException) failure);
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.code()).isEqualTo(400);
        assertThat(error.reason()).isEqualTo("MalformedJson");
    }

    @Test
    void aWrongTypeNamesTheField() {
        Exception failure = catching(() -> json.readValue("{\"spec\": {\"name\": \"a\", \"replicas\": \"many\"}}", Body.class));
        ApiError error = (ApiError) mappers.mismatchedInput((MismatchedInputException) failure).getEntity();
        assertThat(error.code()).isEqualTo(400);
        assertThat(error.details()).containsExactly(new ApiError.FieldError("body.spec.replicas", "has the wrong type or is missing"));
    }

    @Test
    void unexpectedFailuresHideTheirInsides() {
        Response response = mappers.unexpected(new IllegalStateException("secret internals at io.baas.Something"));
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.code()).isEqualTo(500);
        assertThat(error.message()).doesNotContain("internals").doesNotContain("IllegalStateException").startsWith("An unexpected error");
    }

    @Test
    void apiExceptionsKeepTheirDetails() {
        ApiError error = (ApiError) mappers.apiException(ApiException.badRequest("bad", List.of(new ApiError.FieldError("limit", "no"))))
                .getEntity();
        assertThat(error).isEqualTo(new ApiError(400, "BadRequest", "bad", List.of(new ApiError.FieldError("limit", "no"))));
    }

    private static Exception catching(ThrowingRunnable runnable) {
        try {
            runnable.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
