package io.baas.keyuse;

/** What a held private key is used for, as the key_use table names it. */
public enum KeyAction {
    SIGN_CONFIG_UPDATE("sign-config-update"),
    JOIN_ORDERER("join-orderer"),
    JOIN_PEER("join-peer"),
    INSTALL_CHAINCODE("install-chaincode"),
    APPROVE_CHAINCODE("approve-chaincode"),
    COMMIT_CHAINCODE("commit-chaincode"),
    EXPORT_IDENTITY("export-identity"),
    EXPORT_NODE("export-node"),
    REVOKE_IDENTITY("revoke-identity"),
    /** A user's transaction signed with the client identity the organization holds for the user. */
    SUBMIT_TRANSACTION("submit-transaction"),
    /** A user's query (a signed proposal that is not ordered). */
    EVALUATE_TRANSACTION("evaluate-transaction"),
    /** The explorer's indexer reading a channel's blocks (a signed Deliver request and chain-info query). */
    READ_BLOCKS("read-blocks");

    private final String label;

    KeyAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
