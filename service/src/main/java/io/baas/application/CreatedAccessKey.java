package io.baas.application;

import java.time.Instant;

/** A key just made: the only answer that ever carries its secret. */
public record CreatedAccessKey(String accessKeyId, String secret, boolean enabled, String createdBy, Instant createdAt) {

    @Override
    public String toString() {
        return "CreatedAccessKey[" + accessKeyId + "]";
    }
}
