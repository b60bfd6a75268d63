package io.baas.explorer;

import java.time.Instant;
import java.util.List;

/** What the explorer's routes answer: read from the index, hashes in lower-case hex. */
public final class ExplorerViews {

    private ExplorerViews() {
    }

    /** One page of a list and the number of items in all pages. */
    public record Page<T>(List<T> items, long total) {
    }

    /** An indexed ledger as platform admins see it: its row, where it comes from, its status. */
    public record Ledger(long id, String kind, String source, IndexStatus status) {
    }

    /** A channel's index: how far it is, whether it stopped, and its counters. */
    public record IndexStatus(String channel, String channelId, String state, Long degradedBlock, String degradedReason,
                              long height, Long peerHeight, Long blocksBehind, long blocks, long transactions,
                              long validTransactions, long invalidTransactions, Instant updatedAt) {
    }

    public record BlockSummary(long number, String headerHash, String previousHash, String dataHash, int transactions,
                               int validTransactions, Instant createdAt, boolean config, int sizeBytes) {
    }

    public record BlockDetail(BlockSummary block, List<TransactionSummary> transactions) {
    }

    public record TransactionSummary(String txId, long block, int index, String type, String creatorMspId, String creatorSubject,
                                     String chaincode, String function, String validationCode, boolean valid, Instant createdAt,
                                     List<String> endorsers, int reads, int writes, int sizeBytes) {
    }

    /** A transaction with what the block holds of it: arguments, read-write sets, endorsements, response and event. */
    public record TransactionDetail(TransactionSummary transaction, List<String> arguments, ChaincodeResponse response,
                                    List<ReadWriteSet> readWriteSets, List<Endorsement> endorsements, ChaincodeEvent event) {
    }

    public record ChaincodeResponse(int status, String message, String payload) {
    }

    public record ChaincodeEvent(String name, String payload) {
    }

    public record Endorsement(String mspId, String subject) {
    }

    public record ReadWriteSet(String namespace, List<Read> reads, List<Write> writes, int rangeQueries) {
    }

    /** A key read, with the version (block and transaction) it read; none when it read nothing. */
    public record Read(String key, Long versionBlock, Long versionTx) {
    }

    /** A key written: its value as UTF-8 text, and as base64 for values that are not text. */
    public record Write(String key, boolean delete, String value, String valueBase64) {
    }

    /** One valid write of a key, newest first. */
    public record KeyChange(long block, int index, String txId, Instant createdAt, String creatorMspId, boolean delete) {
    }

    /** What a search found: a block, or a transaction. */
    public record SearchResult(String kind, BlockSummary block, TransactionSummary transaction) {
    }

    public record Count(String name, long transactions) {
    }

    public record Bucket(Instant start, long transactions, long valid) {
    }

    /** Counts over a window: per minute or per hour, by the creator's organization, by chaincode. */
    public record Statistics(IndexStatus index, Instant from, Instant to, String step, List<Bucket> activity,
                             List<Count> byOrganization, List<Count> byChaincode) {
    }
}
