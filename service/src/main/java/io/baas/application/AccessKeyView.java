package io.baas.application;

import java.time.Instant;

/** An access key as its organization sees it: never its secret. */
public record AccessKeyView(String accessKeyId, boolean enabled, String createdBy, Instant createdAt, Instant lastUsedAt) {
}
