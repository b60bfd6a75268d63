package io.baas.iam.token;

import java.time.Instant;
import java.util.Optional;

/**
 * What a verified KubeSphere token says: who, what kind of token, until when. {@code subject} (claim
 * {@code sub}, empty when absent) is what KubeSphere reads to tell a service account's token from a
 * user's; {@code username} is who the caller is either way.
 */
public record VerifiedToken(String username, String subject, String tokenType, Optional<Instant> expiresAt, String issuer) {
}
