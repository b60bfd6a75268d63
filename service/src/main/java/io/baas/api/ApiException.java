package io.baas.api;

import java.util.List;

/** A failure that maps one to one onto an {@link ApiError}; thrown by any layer that knows the answer. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String reason;
    private final List<ApiError.FieldError> details;

    public ApiException(int status, String reason, String message, List<ApiError.FieldError> details) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.details = List.copyOf(details);
    }

    public ApiException(int status, String reason, String message) {
        this(status, reason, message, List.of());
    }

    public static ApiException badRequest(String message, List<ApiError.FieldError> details) {
        return new ApiException(400, "BadRequest", message, details);
    }

    public static ApiException unauthorized(String reason, String message) {
        return new ApiException(401, reason, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "Conflict", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message);
    }

    public int status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(status, reason, getMessage(), details);
    }
}
