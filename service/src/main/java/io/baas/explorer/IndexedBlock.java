package io.baas.explorer;

import java.time.Instant;
import java.util.List;

/** One verified block as the index stores it: its row, its transactions' rows and the keys they wrote. */
public record IndexedBlock(Block block, List<Transaction> transactions, List<WrittenKey> keys, Checkpoint after) {

    /** A block's row; {@code createdAt} is its first transaction's time (blocks carry none), null when it has none. */
    public record Block(long number, byte[] headerHash, byte[] previousHash, byte[] dataHash, int txCount, int validTxCount,
                        Instant createdAt, boolean config, int sizeBytes, byte[] payload) {
    }

    /**
     * A transaction's row: who, what, with what outcome; chaincode and function of its first action;
     * where its envelope ({@code sizeBytes} long) starts in the block's payload.
     */
    public record Transaction(long block, int index, String txId, String type, String creatorMsp, String creatorSubject,
                              String chaincode, String function, int validationCode, Instant createdAt, List<String> endorsers,
                              int readCount, int writeCount, int sizeBytes, int envelopeOffset) {
    }

    /** A key a transaction wrote (or deleted) in a chaincode's namespace. */
    public record WrittenKey(String chaincode, byte[] key, long block, int index, boolean delete, boolean valid) {
    }
}
