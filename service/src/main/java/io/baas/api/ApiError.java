package io.baas.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import java.util.List;

/**
 * The one error body of the API: {@code code} is the HTTP status, {@code reason} a CamelCase word a
 * program can switch on, {@code message} a sentence for people, {@code details} the offending fields
 * where there are any, {@code existing} the object a 409 collided with where the API knows it. Never
 * a stack trace or a class name.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int code, String reason, String message, List<FieldError> details, Object existing) {

    public ApiError(int code, String reason, String message, List<FieldError> details) {
        this(code, reason, message, details, null);
    }

    public ApiError(int code, String reason, String message) {
        this(code, reason, message, List.of());
    }

    /** A domain failure as the API answers it: its kind decides the status, the rest is kept as it is. */
    public static ApiError of(DomainException e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case CONFLICT -> 409;
            case DEPENDENCY_FAILED -> 502;
            case UNAVAILABLE -> 503;
        };
        return new ApiError(status, e.reason(), e.getMessage(), e.details(),
                e instanceof io.baas.error.ExistingObjectException conflict ? conflict.existing() : null);
    }
}
