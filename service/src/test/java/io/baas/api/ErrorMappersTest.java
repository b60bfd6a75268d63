package io.baas.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.FieldError;
import io.baas.iam.token.TokenRejectedException;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
        assertThat(error.details()).containsExactly(new FieldError("body.spec.replicas", "has the wrong type or is missing"));
    }

    @Test
    void unexpectedFailuresHideTheirInsides() {
        Response response = mappers.unexpected(new IllegalStateException("secret internals at io.baas.Something"));
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.code()).isEqualTo(500);
        assertThat(error.message()).doesNotContain("internals").doesNotContain("IllegalStateException").startsWith("An unexpected error");
    }

    @Test
    void domainExceptionsKeepTheirReasonAndDetails() {
        ApiError error = (ApiError) mappers.domain(DomainException.invalid("bad", List.of(new FieldError("limit", "no"))))
                .getEntity();
        assertThat(error).isEqualTo(new ApiError(400, "BadRequest", "bad", List.of(new FieldError("limit", "no"))));
        ApiError external = (ApiError) mappers.domain(new DomainException(ErrorKind.DEPENDENCY_FAILED, "ExternalCaUnavailable", "down"))
                .getEntity();
        assertThat(external).isEqualTo(new ApiError(502, "ExternalCaUnavailable", "down"));
    }

    /** Each kind keeps the status it had when services threw HTTP exceptions themselves. */
    @Test
    void everyKindHasItsStatus() {
        Map<ErrorKind, Integer> statuses = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            statuses.put(kind, ApiError.of(new DomainException(kind, kind.reason(), "m")).code());
        }
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(ErrorKind.INVALID, 400, ErrorKind.UNAUTHENTICATED, 401,
                ErrorKind.FORBIDDEN, 403, ErrorKind.NOT_FOUND, 404, ErrorKind.TOO_LARGE, 413, ErrorKind.CONFLICT, 409,
                ErrorKind.DEPENDENCY_FAILED, 502, ErrorKind.UNAVAILABLE, 503));
    }

    @Test
    void aRejectedTokenIsAnsweredWithItsReasonAndAChallenge() {
        Response response = mappers.domain(TokenRejectedException.of("TokenExpired", "expired"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(((ApiError) response.getEntity()).reason()).isEqualTo("TokenExpired");
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
