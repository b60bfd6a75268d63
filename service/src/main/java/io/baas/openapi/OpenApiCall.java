package io.baas.openapi;

import java.time.Instant;

/**
 * One call on the open API as its log keeps it: the application and key when the signature named
 * them, the operation, the answer's status and reason, and how long it took.
 */
public record OpenApiCall(Instant occurredAt, Long applicationId, String namespace, String application, String accessKeyId, String operation, String method,
                          String path, int status, String reason, long latencyMicros, String sourceIp) {
}
