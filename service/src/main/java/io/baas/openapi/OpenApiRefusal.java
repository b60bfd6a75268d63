package io.baas.openapi;

/**
 * A signed request refused before it acts: the status and reason a client can switch on, and a
 * message that never says whether an access key exists unless the request proved it holds its secret.
 */
public final class OpenApiRefusal extends RuntimeException {

    private final int status;
    private final String reason;
    private final transient io.baas.application.SignedApplication application;

    OpenApiRefusal(int status, String reason, String message) {
        this(status, reason, message, null);
    }

    private OpenApiRefusal(int status, String reason, String message, io.baas.application.SignedApplication application) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.application = application;
    }

    /** The same refusal of a request that proved it holds the application's key: its log names the application. */
    OpenApiRefusal by(io.baas.application.SignedApplication signer) {
        return new OpenApiRefusal(status, reason, getMessage(), signer);
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
