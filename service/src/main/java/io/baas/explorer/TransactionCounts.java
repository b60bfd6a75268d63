package io.baas.explorer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transactions counted by chaincode and by creator organization, all and valid, as
 * {@code explorer_transaction_count} keeps them per channel (the totals of the lists filtered by one
 * of those), and per minute, in all too, as {@code explorer_activity} keeps them (the statistics of
 * a window): without counting rows. A batch's counts go in with the batch; a re-index takes back
 * those of the blocks it forgets.
 */
final class TransactionCounts {

    static final String ALL = "all";
    static final String CHAINCODE = "chaincode";
    static final String CREATOR = "creator";
    /** In SQL, the minute a transaction counts in: its time truncated in UTC, as {@link #add} truncates it. */
    private static final String MINUTE_OF_CREATED_AT = "date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

    /** The column of explorer_transaction a dimension counts by, in SQL (NULL for all). */
    static String column(String dimension) {
        return switch (dimension) {
            case CHAINCODE -> "chaincode";
            case CREATOR -> "creator_msp";
            case ALL -> "NULL";
            default -> throw new IllegalArgumentException("no dimension " + dimension);
        };
    }

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

    private record MinuteValue(Instant minute, Value value) {
    }

    private final Map<Value, long[]> counts = new LinkedHashMap<>();
    private final Map<MinuteValue, long[]> minutes = new LinkedHashMap<>();

    void add(IndexedBlock.Transaction tx) {
        boolean valid = tx.validationCode() == 0;
        Instant minute = tx.createdAt() == null ? null : tx.createdAt().truncatedTo(ChronoUnit.MINUTES);
        add(new Value(ALL, ""), minute, false, valid);
        add(new Value(CHAINCODE, tx.chaincode()), minute, true, valid);
        add(new Value(CREATOR, tx.creatorMsp()), minute, true, valid);
    }

    private void add(Value value, Instant minute, boolean total, boolean valid) {
        if (value.value() == null) {
            return;
        }
        if (total) {
            count(counts.computeIfAbsent(value, v -> new long[2]), valid);
        }
        if (minute != null) {
            count(minutes.computeIfAbsent(new MinuteValue(minute, value), v -> new long[2]), valid);
        }
    }

    private static void count(long[] count, boolean valid) {
        count[0]++;
        count[1] += valid ? 1 : 0;
    }

    /** Adds these to the channel's stored counts and minutes, in the caller's transaction: a statement each, whatever their number. */
    void addTo(Connection connection, long channel) throws SQLException {
        if (!counts.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO explorer_transaction_count AS c (channel, dimension, value, tx_count, valid_tx_count)
                    SELECT ?, u.dimension, u.value, u.tx_count, u.valid_tx_count
                    FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS u (dimension, value, tx_count, valid_tx_count)
                    ON CONFLICT (channel, dimension, value) DO UPDATE
                    SET tx_count = c.tx_count + EXCLUDED.tx_count, valid_tx_count = c.valid_tx_count + EXCLUDED.valid_tx_count""")) {
                upsert.setLong(1, channel);
                bindValues(connection, upsert, 2, counts.keySet().stream().toList(), counts.values().stream().toList());
                upsert.executeUpdate();
            }
        }
        if (!minutes.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO explorer_activity AS a (channel, minute, dimension, value, tx_count, valid_tx_count)
                    SELECT ?, u.minute, u.dimension, u.value, u.tx_count, u.valid_tx_count
                    FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
                      AS u (minute, dimension, value, tx_count, valid_tx_count)
                    ON CONFLICT (channel, dimension, minute, value) DO UPDATE
                    SET tx_count = a.tx_count + EXCLUDED.tx_count, valid_tx_count = a.valid_tx_count + EXCLUDED.valid_tx_count""")) {
                upsert.setLong(1, channel);
                upsert.setArray(2, connection.createArrayOf("timestamptz",
                        minutes.keySet().stream().map(m -> java.sql.Timestamp.from(m.minute())).toArray()));
                bindValues(connection, upsert, 3, minutes.keySet().stream().map(MinuteValue::value).toList(), minutes.values().stream().toList());
                upsert.executeUpdate();
            }
        }
    }

    /** Dimensions, values, counts and valid counts as four arrays from {@code first} on. */
    private static void bindValues(Connection connection, PreparedStatement statement, int first, List<Value> values, List<long[]> counted)
            throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", values.stream().map(Value::dimension).toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text", values.stream().map(Value::value).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("bigint", counted.stream().map(c -> c[0]).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("bigint", counted.stream().map(c -> c[1]).toArray()));
    }

    /** Takes back the counts and minutes of the channel's transactions from {@code fromBlock} on, before a re-index deletes them. */
    static void takeBack(Connection connection, long channel, long fromBlock) throws SQLException {
        update(connection, """
                UPDATE explorer_transaction_count c SET tx_count = c.tx_count - f.tx_count, valid_tx_count = c.valid_tx_count - f.valid_tx_count
                FROM (SELECT 'chaincode' AS dimension, chaincode AS value, count(*) AS tx_count,
                             count(*) FILTER (WHERE validation_code = 0) AS valid_tx_count
                      FROM explorer_transaction WHERE channel = ?1 AND block >= ?2 AND chaincode IS NOT NULL GROUP BY chaincode
                      UNION ALL
                      SELECT 'creator', creator_msp, count(*), count(*) FILTER (WHERE validation_code = 0)
                      FROM explorer_transaction WHERE channel = ?1 AND block >= ?2 AND creator_msp IS NOT NULL GROUP BY creator_msp) f
                WHERE c.channel = ?1 AND c.dimension = f.dimension AND c.value = f.value""", channel, fromBlock);
        update(connection, """
                UPDATE explorer_activity a SET tx_count = a.tx_count - f.tx_count, valid_tx_count = a.valid_tx_count - f.valid_tx_count
                FROM (SELECT MINUTE AS minute, 'all' AS dimension, '' AS value, count(*) AS tx_count,
                             count(*) FILTER (WHERE validation_code = 0) AS valid_tx_count
                      FROM explorer_transaction WHERE channel = ?1 AND block >= ?2 AND created_at IS NOT NULL GROUP BY 1
                      UNION ALL
                      SELECT MINUTE, 'chaincode', chaincode, count(*), count(*) FILTER (WHERE validation_code = 0)
                      FROM explorer_transaction WHERE channel = ?1 AND block >= ?2 AND created_at IS NOT NULL AND chaincode IS NOT NULL
                      GROUP BY 1, 3
                      UNION ALL
                      SELECT MINUTE, 'creator', creator_msp, count(*), count(*) FILTER (WHERE validation_code = 0)
                      FROM explorer_transaction WHERE channel = ?1 AND block >= ?2 AND created_at IS NOT NULL AND creator_msp IS NOT NULL
                      GROUP BY 1, 3) f
                WHERE a.channel = ?1 AND a.dimension = f.dimension AND a.minute = f.minute AND a.value = f.value"""
                .replace("MINUTE", MINUTE_OF_CREATED_AT), channel, fromBlock);
        update(connection, "DELETE FROM explorer_transaction_count WHERE channel = ?1 AND tx_count = 0", channel, fromBlock);
        update(connection, "DELETE FROM explorer_activity WHERE channel = ?1 AND tx_count = 0", channel, fromBlock);
    }

    /** Runs {@code sql} with {@code ?1} standing for the channel and {@code ?2} for the block, wherever they appear. */
    private static void update(Connection connection, String sql, long channel, long fromBlock) throws SQLException {
        List<Long> values = new ArrayList<>();
        java.util.regex.Matcher markers = java.util.regex.Pattern.compile("\\?([12])").matcher(sql);
        while (markers.find()) {
            values.add(markers.group(1).equals("1") ? channel : fromBlock);
        }
        try (PreparedStatement statement = connection.prepareStatement(markers.replaceAll("?"))) {
            for (int i = 0; i < values.size(); i++) {
                statement.setLong(i + 1, values.get(i));
            }
            statement.executeUpdate();
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
