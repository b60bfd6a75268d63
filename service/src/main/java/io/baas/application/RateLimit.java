package io.baas.application;

/**
 * How fast an application may call the open API: a bucket of {@code burst} requests, refilled at
 * {@code requestsPerSecond} (a fraction is a request every few seconds). Left out, the platform's
 * defaults apply.
 */
public record RateLimit(Double requestsPerSecond, Integer burst) {
}
