package io.baas.error;

/**
 * What kind of failure a {@link DomainException} is, in the caller's terms: the API turns each kind
 * into its HTTP status, other callers (reconcilers, the CLI) into what suits them.
 */
public enum ErrorKind {
    /** The request itself is wrong: a field, a name, a combination of settings. */
    INVALID("BadRequest"),
    /** Nobody, or nobody we can verify, is calling. */
    UNAUTHENTICATED("Unauthorized"),
    /** The caller is known but may not do this. */
    FORBIDDEN("Forbidden"),
    NOT_FOUND("NotFound"),
    /** The request's body is larger than the route takes. */
    TOO_LARGE("RequestEntityTooLarge"),
    /** The request clashes with what exists or with another request under way. */
    CONFLICT("Conflict"),
    /** A system the call relies on (an external Fabric CA) refused or failed. */
    DEPENDENCY_FAILED("BadGateway"),
    /** Not now: a cache still loading, a store that cannot be reached; retrying later may work. */
    UNAVAILABLE("ServiceUnavailable");

    private final String reason;

    ErrorKind(String reason) {
        this.reason = reason;
    }

    /** The reason a failure of this kind carries unless it names a more precise one. */
    public String reason() {
        return reason;
    }
}
