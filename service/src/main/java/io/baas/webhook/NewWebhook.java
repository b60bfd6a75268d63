package io.baas.webhook;

/**
 * A webhook to make for an application: where to POST, what on which channel (a chaincode's
 * events, one name or every one; or, with kind {@code TransactionStatus}, how each of the
 * application's own transactions ended), and the block to start from (0, the whole channel, by default).
 */
public record NewWebhook(String name, String kind, String url, String channel, String chaincode, String eventName, Long fromBlock) {

    public static final String CHAINCODE_EVENTS = "ChaincodeEvents";
    public static final String TRANSACTION_STATUS = "TransactionStatus";

    public String kindOrDefault() {
        return kind == null ? CHAINCODE_EVENTS : kind;
    }
}
