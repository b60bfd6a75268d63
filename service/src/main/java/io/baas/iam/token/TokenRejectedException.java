package io.baas.iam.token;

import io.baas.error.DomainException;
import io.baas.error.ErrorKind;

/** Why a caller could not be authenticated; each reason is a distinct 401 (or 503 when we cannot verify at all). */
public class TokenRejectedException extends DomainException {

    private TokenRejectedException(ErrorKind kind, String reason, String message) {
        super(kind, reason, message);
    }

    public static TokenRejectedException of(String reason, String message) {
        return new TokenRejectedException(ErrorKind.UNAUTHENTICATED, reason, message);
    }

    /** We cannot judge the token at all (no jwtSecret yet, ks-apiserver unreachable for TokenReview). */
    public static TokenRejectedException unverifiable(String message) {
        return new TokenRejectedException(ErrorKind.UNAVAILABLE, ErrorKind.UNAVAILABLE.reason(), message);
    }
}
