package io.baas.application;

/** Disable or re-enable an access key. */
public record KeyChange(Boolean enabled) {
}
