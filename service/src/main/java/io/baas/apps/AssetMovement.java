package io.baas.apps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One change of an account's balance.
 *
 * @param kind         issue, sent or received
 * @param counterparty the other account: the sender or recipient, or for an issue the minting client
 * @param balance      the account's balance after it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetMovement(String txId, String timestamp, String kind, Account counterparty, long amount, long balance) {

    /** An account: an organization's MSP ID and a client ID as chaincodes name it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String mspId, String clientId) {
    }
}
