package io.baas.apps;

/**
 * A committed issue or transfer.
 *
 * @param account the recipient's account after an issue, the sender's after a transfer
 */
public record AssetTransaction(String txId, long blockNumber, AssetAccount account) {
}
