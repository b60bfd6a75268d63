package io.baas.openapi;

/**
 * A signed request refused before it acts: the status and reason a client can switch on, and a
 * message that never says whether an access key exists unless the request proved it holds its secret.
 */
public final class OpenApiRefusal extends RuntimeException {

    private final int status;
    private final String reason;
    private final transient io.baas.application.SignedApplication application;
    private final long retryAfterSeconds;

    OpenApiRefusal(int status, String reason, String message) {
        this(status, reason, message, null, 0);
    }

    private OpenApiRefusal(int status, String reason, String message, io.baas.application.SignedApplication application,
                           long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.application = application;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same refusal of a request that proved it holds the application's key: its log names the application. */
    OpenApiRefusal by(io.baas.application.SignedApplication signer) {
        return new OpenApiRefusal(status, reason, getMessage(), signer, retryAfterSeconds);
    }

    /** 429: the application spent its rate limit; a token is back in this many seconds. */
    static OpenApiRefusal rateLimited(io.baas.application.SignedApplication application, long retryAfterSeconds) {
        return new OpenApiRefusal(429, "RateLimited", "Application " + application.name() + " may make " + application.requestsPerSecond()
                + " requests per second (a burst of " + application.burst() + "); retry in " + retryAfterSeconds + " s.", application,
                retryAfterSeconds);
    }

    /** Seconds to wait before retrying, for a 429; 0 otherwise. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The application whose key signed the refused request, when the signature held. */
    java.util.Optional<io.baas.application.SignedApplication> application() {
        return java.util.Optional.ofNullable(application);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    static OpenApiRefusal unauthenticated(String reason, String message) {
        return new OpenApiRefusal(401, reason, message);
    }

    static OpenApiRefusal outOfScope(String message) {
        return new OpenApiRefusal(403, "OutOfScope", message);
    }
}
