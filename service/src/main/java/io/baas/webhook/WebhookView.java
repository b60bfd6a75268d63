package io.baas.webhook;

import java.time.Instant;

/**
 * A webhook and where its delivery stands: the block being delivered and how many of the
 * chaincode's events in it are done, failed attempts at the next one and when it is tried again,
 * the last error, how many were delivered and how many given up on.
 */
public record WebhookView(String name, String kind, String url, String channel, String chaincode, String eventName, long nextBlock, int doneInBlock,
                          int attempts, Instant retryAt, String lastError, long delivered, long deadLetters, String createdBy,
                          Instant createdAt) {
}
