package io.baas.fabric.sandbox.peer.chaincode;

/**
 * What the sandbox peer's ledger does not have, in the words a chaincode sees, whether it runs in
 * the peer ({@link StubBridge}) or as a process of its own ({@link RemoteChaincode}): rich queries
 * (as Fabric's LevelDB state says), key-level endorsement policies and chaincode-to-chaincode calls.
 */
final class Unsupported {

    static final String RICH_QUERY = "ExecuteQuery not supported for leveldb";
    static final String KEY_LEVEL_POLICY = "key-level endorsement policies are not supported by the sandbox peer";
    static final String CHAINCODE_TO_CHAINCODE = "chaincode-to-chaincode calls are not supported by the sandbox peer";

    private Unsupported() {
    }

    /** The failure a chaincode gets for {@code what}. */
    static UnsupportedOperationException of(String what) {
        return new UnsupportedOperationException(what);
    }
}
