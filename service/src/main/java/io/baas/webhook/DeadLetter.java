package io.baas.webhook;

import java.time.Instant;

/** An event given up on after the configured attempts, with its payload (base64) and the last error. */
public record DeadLetter(long id, long blockNumber, String txId, String eventName, String payload, int attempts, String lastError,
                         Instant failedAt) {
}
