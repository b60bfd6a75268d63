package io.baas.error;

import java.util.List;

/**
 * The one failure type of the service's own rules: a {@link ErrorKind kind}, a CamelCase
 * {@code reason} a program can switch on, a sentence for people and the offending fields where there
 * are any. Thrown by any layer that knows the answer; only {@code io.baas.api} knows HTTP.
 */
public class DomainException extends RuntimeException {

    private final ErrorKind kind;
    private final String reason;
    private final List<FieldError> details;

    public DomainException(ErrorKind kind, String reason, String message, List<FieldError> details) {
        super(message);
        this.kind = kind;
        this.reason = reason;
        this.details = List.copyOf(details);
    }

    public DomainException(ErrorKind kind, String reason, String message) {
        this(kind, reason, message, List.of());
    }

    public static DomainException invalid(String message, List<FieldError> details) {
        return new DomainException(ErrorKind.INVALID, ErrorKind.INVALID.reason(), message, details);
    }

    public static DomainException forbidden(String message) {
        return of(ErrorKind.FORBIDDEN, message);
    }

    public static DomainException notFound(String message) {
        return of(ErrorKind.NOT_FOUND, message);
    }

    public static DomainException conflict(String message) {
        return of(ErrorKind.CONFLICT, message);
    }

    public static DomainException unavailable(String message) {
        return of(ErrorKind.UNAVAILABLE, message);
    }

    private static DomainException of(ErrorKind kind, String message) {
        return new DomainException(kind, kind.reason(), message);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public List<FieldError> details() {
        return details;
    }
}
