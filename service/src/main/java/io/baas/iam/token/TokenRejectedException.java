package io.baas.iam.token;

import io.baas.api.ApiError;

/** Why a caller could not be authenticated; each reason is a distinct 401 (or 503 when we cannot verify at all). */
public class TokenRejectedException extends RuntimeException {

    private final int status;
    private final String reason;

    private TokenRejectedException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public static TokenRejectedException of(String reason, String message) {
        return new TokenRejectedException(401, reason, message);
    }

    /** We cannot judge the token at all (no jwtSecret yet, ks-apiserver unreachable for TokenReview). */
    public static TokenRejectedException unverifiable(String message) {
        return new TokenRejectedException(503, "ServiceUnavailable", message);
    }

    public String reason() {
        return reason;
    }

    public ApiError toError() {
        return new ApiError(status, reason, getMessage());
    }
}
