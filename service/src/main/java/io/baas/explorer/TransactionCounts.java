package io.baas.explorer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transactions counted by chaincode and by creator organization, all and valid, as
 * {@code explorer_transaction_count} keeps them per channel: the totals of the lists filtered by one
 * of those, without counting their rows. A batch's counts go in with the batch; a re-index takes
 * back those of the blocks it forgets.
 */
final class TransactionCounts {

    static final String CHAINCODE = "chaincode";
    static final String CREATOR = "creator";

    /** How many transactions one value names, and how many of those are valid. */
    record Count(long all, long valid) {

        static final Count NONE = new Count(0, 0);

        /** Of these, those with the status asked for: all (null), the valid ones, or the others. */
        long withStatus(Boolean validOnly) {
            return validOnly == null ? all : validOnly ? valid : all - valid;
        }
    }

    private record Value(String dimension, String value) {
    }

    private final Map<Value, long[]> counts = new LinkedHashMap<>();

    void add(IndexedBlock.Transaction tx) {
        boolean valid = tx.validationCode() == 0;
        add(CHAINCODE, tx.chaincode(), valid);
        add(CREATOR, tx.creatorMsp(), valid);
    }

    private void add(String dimension, String value, boolean valid) {
        if (value != null) {
            long[] count = counts.computeIfAbsent(new Value(dimension, value), v -> new long[2]);
            count[0]++;
            count[1] += valid ? 1 : 0;
        }
    }

    /** Adds these to the channel's stored counts, in the caller's transaction: one statement whatever their number. */
    void addTo(Connection connection, long channel) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        List<String> dimensions = new ArrayList<>(counts.size());
        List<String> values = new ArrayList<>(counts.size());
        List<Long> all = new ArrayList<>(counts.size());
        List<Long> valid = new ArrayList<>(counts.size());
        counts.forEach((value, count) -> {
            dimensions.add(value.dimension());
            values.add(value.value());
            all.add(count[0]);
            valid.add(count[1]);
        });
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO explorer_transaction_count AS c (channel, dimension, value, tx_count, valid_tx_count)
                SELECT ?, u.dimension, u.value, u.tx_count, u.valid_tx_count
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS u (dimension, value, tx_count, valid_tx_count)
                ON CONFLICT (channel, dimension, value) DO UPDATE
                SET tx_count = c.tx_count + EXCLUDED.tx_count, valid_tx_count = c.valid_tx_count + EXCLUDED.valid_tx_count""")) {
            upsert.setLong(1, channel);
            upsert.setArray(2, connection.createArrayOf("text", dimensions.toArray()));
            upsert.setArray(3, connection.createArrayOf("text", values.toArray()));
            upsert.setArray(4, connection.createArrayOf("bigint", all.toArray()));
            upsert.setArray(5, connection.createArrayOf("bigint", valid.toArray()));
            upsert.executeUpdate();
        }
    }

    /** Takes back the counts of the channel's transactions from {@code fromBlock} on, before a re-index deletes them. */
    static void takeBack(Connection connection, long channel, long fromBlock) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE explorer_transaction_count c SET tx_count = c.tx_count - f.tx_count, valid_tx_count = c.valid_tx_count - f.valid_tx_count
                FROM (SELECT 'chaincode' AS dimension, chaincode AS value, count(*) AS tx_count,
                             count(*) FILTER (WHERE validation_code = 0) AS valid_tx_count
                      FROM explorer_transaction WHERE channel = ? AND block >= ? AND chaincode IS NOT NULL GROUP BY chaincode
                      UNION ALL
                      SELECT 'creator', creator_msp, count(*), count(*) FILTER (WHERE validation_code = 0)
                      FROM explorer_transaction WHERE channel = ? AND block >= ? AND creator_msp IS NOT NULL GROUP BY creator_msp) f
                WHERE c.channel = ? AND c.dimension = f.dimension AND c.value = f.value""")) {
            update.setLong(1, channel);
            update.setLong(2, fromBlock);
            update.setLong(3, channel);
            update.setLong(4, fromBlock);
            update.setLong(5, channel);
            update.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM explorer_transaction_count WHERE channel = ? AND tx_count = 0")) {
            delete.setLong(1, channel);
            delete.executeUpdate();
        }
    }

    /** The stored count of one chaincode's or one creator's transactions in the channel; none when it has none. */
    static Count stored(Connection connection, long channel, String dimension, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tx_count, valid_tx_count FROM explorer_transaction_count WHERE channel = ? AND dimension = ? AND value = ?")) {
            select.setLong(1, channel);
            select.setString(2, dimension);
            select.setString(3, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Count(rows.getLong(1), rows.getLong(2)) : Count.NONE;
            }
        }
    }
}
