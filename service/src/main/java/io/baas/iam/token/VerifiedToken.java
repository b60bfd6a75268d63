package io.baas.iam.token;

import java.time.Instant;
import java.util.Optional;

/** What a verified KubeSphere token says: who, what kind of token, until when. */
public record VerifiedToken(String username, String tokenType, Optional<Instant> expiresAt, String issuer) {
}
