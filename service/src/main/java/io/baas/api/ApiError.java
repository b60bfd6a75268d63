package io.baas.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one error body of the API: {@code code} is the HTTP status, {@code reason} a CamelCase word a
 * program can switch on, {@code message} a sentence for people, {@code details} the offending fields
 * where there are any. Never a stack trace or a class name.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int code, String reason, String message, List<FieldError> details) {

    public ApiError(int code, String reason, String message) {
        this(code, reason, message, List.of());
    }

    /** One invalid input: where it is ({@code path.ws}, {@code body.name}, {@code query.limit}) and why. */
    public record FieldError(String field, String message) {
    }
}
