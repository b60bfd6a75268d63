package io.baas.webhook;

/**
 * A webhook to make for an application: where to POST, which chaincode's events on which channel
 * (one event name, or every one), and the block to start from (0, the whole channel, by default).
 */
public record NewWebhook(String name, String url, String channel, String chaincode, String eventName, Long fromBlock) {
}
