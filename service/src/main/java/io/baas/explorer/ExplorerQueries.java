package io.baas.explorer;

import com.google.protobuf.ByteString;
import io.baas.explorer.ExplorerViews.BlockDetail;
import io.baas.explorer.ExplorerViews.BlockSummary;
import io.baas.explorer.ExplorerViews.KeyChange;
import io.baas.explorer.ExplorerViews.Page;
import io.baas.explorer.ExplorerViews.TransactionDetail;
import io.baas.explorer.ExplorerViews.TransactionSummary;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.block.KeyWrite;
import io.baas.fabric.block.TransactionAction;
import io.baas.store.DatabaseUnavailableException;
import io.baas.store.Db;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The explorer's reads, all from the index (never from a peer), each a statement or two on
 * indexed columns: blocks newest first by number range (no OFFSET scans), a block by number or
 * header hash, a transaction by ID with its details decoded from the stored block, filtered
 * transaction lists, a key's history, and search.
 */
public final class ExplorerQueries {

    static final String CHANNEL_COLUMNS = "id, kind, source, channel_id, next_block, state, degraded_block, degraded_reason,"
            + " block_count, tx_count, valid_tx_count, peer_height, updated_at";
    private static final String BLOCK_COLUMNS = "number, header_hash, previous_hash, data_hash, tx_count, valid_tx_count, created_at,"
            + " config, size_bytes";
    private static final String TX_COLUMNS = "tx_id, block, tx_index, type, creator_msp, creator_subject, chaincode, function,"
            + " validation_code, created_at, endorsers, read_count, write_count, size_bytes";
    private static final int TX_COLUMN_COUNT = TX_COLUMNS.split(",").length;
    /** The row that answers a transaction ID: the valid one when a duplicate was refused, else the first. */
    private static final String BY_TX_ID = " WHERE t.channel = ? AND t.tx_id = ? ORDER BY (t.validation_code = 0) DESC, t.block, t.tx_index LIMIT 1";
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource database;

    public ExplorerQueries(DataSource database) {
        this.database = database;
    }

    /** Filters of the transaction list; null fields filter nothing. A key is one of the chaincode's, which must be given with it. */
    public record TransactionFilter(String chaincode, String creatorMspId, Boolean valid, Instant from, Instant to, String key) {
    }

    public Optional<IndexedChannel> channel(String kind, String source) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CHANNEL_COLUMNS
                    + " FROM explorer_channel WHERE kind = ? AND source = ?")) {
                select.setString(1, kind);
                select.setString(2, source);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(channel(rows)) : Optional.<IndexedChannel>empty();
                }
            }
        });
    }

    /** Every indexed ledger, by source. */
    public List<IndexedChannel> channels() {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CHANNEL_COLUMNS
                    + " FROM explorer_channel ORDER BY kind, source")) {
                return list(select, ExplorerQueries::channel);
            }
        });
    }

    /** Blocks newest first; the index holds every block from {@code first} to the channel's height without gaps. */
    public Page<BlockSummary> blocks(IndexedChannel channel, int page, int limit) {
        long below = channel.nextBlock() - (long) (page - 1) * limit;
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + BLOCK_COLUMNS
                    + " FROM explorer_block WHERE channel = ? AND number < ? ORDER BY number DESC LIMIT ?")) {
                select.setLong(1, channel.id());
                select.setLong(2, below);
                select.setInt(3, limit);
                return new Page<>(list(select, ExplorerQueries::block), channel.blockCount());
            }
        });
    }

    /** The block with a page of its transactions in block order ({@code limit} from index {@code (page - 1) * limit}). */
    public Optional<BlockDetail> block(IndexedChannel channel, long number, int page, int limit) {
        return query(connection -> {
            Optional<BlockSummary> block = blockSummary(connection, channel, number);
            if (block.isEmpty()) {
                return Optional.<BlockDetail>empty();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + TX_COLUMNS
                    + " FROM explorer_transaction WHERE channel = ? AND block = ? AND tx_index >= ? ORDER BY tx_index LIMIT ?")) {
                select.setLong(1, channel.id());
                select.setLong(2, number);
                select.setLong(3, (long) (page - 1) * limit);
                select.setInt(4, limit);
                return Optional.of(new BlockDetail(block.get(), list(select, ExplorerQueries::transaction)));
            }
        });
    }

    private static Optional<BlockSummary> blockSummary(Connection connection, IndexedChannel channel, long number) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + BLOCK_COLUMNS
                + " FROM explorer_block WHERE channel = ? AND number = ?")) {
            select.setLong(1, channel.id());
            select.setLong(2, number);
            return list(select, ExplorerQueries::block).stream().findFirst();
        }
    }

    public Optional<BlockSummary> blockByHash(IndexedChannel channel, byte[] headerHash) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + BLOCK_COLUMNS
                    + " FROM explorer_block WHERE channel = ? AND header_hash = ?")) {
                select.setLong(1, channel.id());
                select.setBytes(2, headerHash);
                return list(select, ExplorerQueries::block).stream().findFirst();
            }
        });
    }

    /** The transaction with that ID: the valid one when a duplicate was refused, else the first. */
    public Optional<TransactionSummary> transactionSummary(IndexedChannel channel, String txId) {
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + prefixed(TX_COLUMNS) + " FROM explorer_transaction t"
                    + BY_TX_ID)) {
                select.setLong(1, channel.id());
                select.setString(2, txId);
                return list(select, ExplorerQueries::transaction).stream().findFirst();
            }
        });
    }

    /**
     * The transaction with its read-write sets, endorsements, response and event, decoded from the stored
     * block: its row and its envelope in one statement. The envelope alone where its offset was indexed
     * (a slice of the stored block), else the whole block; none where the block's payload was pruned.
     */
    public Optional<TransactionDetail> transaction(IndexedChannel channel, String txId) {
        Optional<StoredTransaction> stored = query(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + prefixed(TX_COLUMNS)
                    + ", t.envelope_offset IS NOT NULL, CASE WHEN t.envelope_offset IS NULL THEN b.payload"
                    + " ELSE substring(b.payload FROM t.envelope_offset + 1 FOR t.size_bytes) END"
                    + " FROM explorer_transaction t JOIN explorer_block b ON b.channel = t.channel AND b.number = t.block" + BY_TX_ID)) {
                select.setLong(1, channel.id());
                select.setString(2, txId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<StoredTransaction>empty();
                    }
                    byte[] bytes = rows.getBytes(TX_COLUMN_COUNT + 2);
                    return Optional.of(new StoredTransaction(transaction(rows),
                            bytes == null ? null : new StoredEnvelope(rows.getBoolean(TX_COLUMN_COUNT + 1), bytes)));
                }
            }
        });
        // Decoded after the connection went back to the pool.
        return stored.map(found -> found.envelope() == null
                ? new TransactionDetail(found.summary(), List.of(), null, List.of(), List.of(), null)
                : detail(found.summary(), BlockDecoder.decodeTransaction(found.envelope().envelope(found.summary()))));
    }

    private record StoredTransaction(TransactionSummary summary, StoredEnvelope envelope) {
    }

    /** What the detail query read: the envelope itself, or (rows indexed without its offset) the whole block. */
    private record StoredEnvelope(boolean sliced, byte[] bytes) {

        ByteString envelope(TransactionSummary tx) {
            if (sliced) {
                return ByteString.copyFrom(bytes);
            }
            try {
                return Block.parseFrom(bytes).getData().getData(tx.index());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("stored block " + tx.block() + " cannot be read", e);
            }
        }
    }

    private static TransactionDetail detail(TransactionSummary tx, DecodedTransaction decoded) {
        if (decoded.actions().isEmpty()) {
            return new TransactionDetail(tx, List.of(), null, List.of(), List.of(), null);
        }
        TransactionAction action = decoded.actions().get(0);
        List<String> arguments = action.call().args().stream().map(ExplorerQueries::printable).toList();
        var response = new ExplorerViews.ChaincodeResponse(action.response().status(), action.response().message(),
                printable(action.response().payload()));
        List<ExplorerViews.ReadWriteSet> sets = action.readWriteSets().stream().map(set -> new ExplorerViews.ReadWriteSet(set.namespace(),
                set.reads().stream().map(read -> new ExplorerViews.Read(read.key(),
                        read.version().map(v -> v.blockNumber()).orElse(null), read.version().map(v -> v.txNumber()).orElse(null))).toList(),
                set.writes().stream().map(ExplorerQueries::write).toList(),
                set.rangeQueryCount())).toList();
        List<ExplorerViews.Endorsement> endorsements = action.endorsements().stream().map(e -> new ExplorerViews.Endorsement(
                e.signer().mspId(), e.signer().certificate().getSubjectX500Principal().getName())).toList();
        var event = action.event().map(e -> new ExplorerViews.ChaincodeEvent(e.eventName(), printable(e.payload()))).orElse(null);
        return new TransactionDetail(tx, arguments, response, sets, endorsements, event);
    }

    public Page<TransactionSummary> transactions(IndexedChannel channel, TransactionFilter filter, int page, int limit) {
        StringBuilder where = new StringBuilder(" WHERE t.channel = ?");
        List<Object> parameters = new ArrayList<>(List.of(channel.id()));
        if (filter.chaincode() != null) {
            where.append(" AND t.chaincode = ?");
            parameters.add(filter.chaincode());
        }
        if (filter.creatorMspId() != null) {
            where.append(" AND t.creator_msp = ?");
            parameters.add(filter.creatorMspId());
        }
        if (filter.valid() != null) {
            where.append(filter.valid() ? " AND t.validation_code = 0" : " AND t.validation_code <> 0");
        }
        if (filter.from() != null) {
            where.append(" AND t.created_at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND t.created_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (filter.key() != null) {
            // By the key's history index: the chaincode's namespace and the key, then each write's transaction.
            where.append(" AND EXISTS (SELECT 1 FROM explorer_written_key k WHERE k.channel = t.channel AND k.chaincode = ? AND k.key = ?"
                    + " AND k.block = t.block AND k.tx_index = t.tx_index)");
            parameters.add(filter.chaincode());
            parameters.add(filter.key().getBytes(StandardCharsets.UTF_8));
            return query(connection -> writersOfAKey(connection, where.toString(), parameters, page, limit));
        }
        return query(connection -> {
            OptionalLong kept = keptTotal(connection, channel, filter);
            long total = kept.isPresent() ? kept.getAsLong()
                    : count(connection, "SELECT count(*) FROM explorer_transaction t" + where, parameters);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + prefixed(TX_COLUMNS) + " FROM explorer_transaction t"
                    + where + " ORDER BY t.block DESC, t.tx_index DESC LIMIT ? OFFSET ?")) {
                List<Object> paged = new ArrayList<>(parameters);
                paged.add(limit);
                paged.add((long) (page - 1) * limit);
                bind(select, paged);
                return new Page<>(list(select, ExplorerQueries::transaction), total);
            }
        });
    }

    /**
     * A list filtered by a key: its transactions are the key's writes, few next to the channel's,
     * so they are found once through the key's index, then counted and paged, in one statement
     * (the count and the page each looked them up). A page past the end still answers the total.
     */
    private static Page<TransactionSummary> writersOfAKey(Connection connection, String where, List<Object> parameters, int page, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("WITH matching AS MATERIALIZED (SELECT " + prefixed(TX_COLUMNS)
                + " FROM explorer_transaction t" + where + "), total AS (SELECT count(*) AS n FROM matching)"
                + " SELECT page.*, total.n FROM total LEFT JOIN LATERAL (SELECT * FROM matching"
                + " ORDER BY block DESC, tx_index DESC LIMIT ? OFFSET ?) page ON true ORDER BY page.block DESC, page.tx_index DESC")) {
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(limit);
            paged.add((long) (page - 1) * limit);
            bind(select, paged);
            long total = 0;
            List<TransactionSummary> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    total = rows.getLong(TX_COLUMN_COUNT + 1);
                    if (rows.getString(1) != null) {
                        items.add(transaction(rows));
                    }
                }
            }
            return new Page<>(items, total);
        }
    }

    /**
     * The total of a list filtered by status, time, and one chaincode or one creator (any of
     * those, or none; a key goes elsewhere), from the counts and minutes the indexer keeps:
     * counting a million rows would take longer than the page. Empty for both a chaincode and a
     * creator, whose rows are counted.
     */
    private static OptionalLong keptTotal(Connection connection, IndexedChannel channel, TransactionFilter filter) throws SQLException {
        if (filter.chaincode() != null && filter.creatorMspId() != null) {
            return OptionalLong.empty();
        }
        String dimension = filter.chaincode() != null ? TransactionCounts.CHAINCODE
                : filter.creatorMspId() != null ? TransactionCounts.CREATOR : TransactionCounts.ALL;
        String value = filter.chaincode() != null ? filter.chaincode() : filter.creatorMspId();
        TransactionCounts.Count count;
        if (filter.from() != null || filter.to() != null) {
            count = ActivityWindow.of(filter.from(), filter.to()).count(connection, channel.id(), dimension, value);
        } else if (value == null) {
            count = new TransactionCounts.Count(channel.txCount(), channel.validTxCount());
        } else {
            count = TransactionCounts.stored(connection, channel.id(), dimension, value);
        }
        return OptionalLong.of(count.withStatus(filter.valid()));
    }

    /**
     * A key's valid writes: how many, and one page of them, newest first (channel, chaincode and
     * key, then again with limit and offset). One statement, not a count and a select: a round
     * trip and a statement fewer per request. A page past the end still answers the total, in one
     * row of nulls.
     */
    static final String KEY_HISTORY = """
            WITH total AS (SELECT count(*) AS n FROM explorer_written_key WHERE channel = ? AND chaincode = ? AND key = ? AND valid)
            SELECT total.n, page.block, page.tx_index, page.tx_id, page.created_at, page.creator_msp, page.is_delete
            FROM total LEFT JOIN LATERAL (
                SELECT k.block, k.tx_index, t.tx_id, t.created_at, t.creator_msp, k.is_delete
                FROM explorer_written_key k JOIN explorer_transaction t
                  ON t.channel = k.channel AND t.block = k.block AND t.tx_index = k.tx_index
                WHERE k.channel = ? AND k.chaincode = ? AND k.key = ? AND k.valid
                ORDER BY k.block DESC, k.tx_index DESC LIMIT ? OFFSET ?) page ON true
            ORDER BY page.block DESC, page.tx_index DESC""";

    /** The valid writes of a key, newest first, as Fabric's GetHistoryForKey lists them. */
    public Page<KeyChange> keyHistory(IndexedChannel channel, String chaincode, String key, int page, int limit) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(KEY_HISTORY)) {
                bind(select, List.of(channel.id(), chaincode, keyBytes, channel.id(), chaincode, keyBytes, limit, (long) (page - 1) * limit));
                long total = 0;
                List<KeyChange> changes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        total = rows.getLong(1);
                        long block = rows.getLong(2);
                        if (!rows.wasNull()) {
                            changes.add(new KeyChange(block, rows.getInt(3), rows.getString(4), instant(rows.getTimestamp(5)), rows.getString(6),
                                    rows.getBoolean(7)));
                        }
                    }
                }
                return new Page<>(changes, total);
            }
        });
    }

    /**
     * What {@code q} names: a block number, a transaction ID (64 hex digits, tried first), or a
     * block header hash (64 hex digits or base64, as {@code peer channel getinfo} prints it).
     */
    public Optional<ExplorerViews.SearchResult> search(IndexedChannel channel, String q) {
        String term = q.trim();
        if (term.matches("\\d{1,18}")) {
            long number = Long.parseLong(term);
            return query(connection -> blockSummary(connection, channel, number)).map(b -> new ExplorerViews.SearchResult("block", b, null));
        }
        Optional<ExplorerViews.SearchResult> found = term.length() <= 128
                ? transactionSummary(channel, term).map(t -> new ExplorerViews.SearchResult("transaction", null, t)) : Optional.empty();
        if (found.isPresent()) {
            return found;
        }
        return hash(term).flatMap(hash -> blockByHash(channel, hash)).map(b -> new ExplorerViews.SearchResult("block", b, null));
    }

    /** A 32-byte hash written in hex or base64; empty for anything else. */
    public static Optional<byte[]> hash(String text) {
        try {
            if (text.matches("[0-9a-fA-F]{64}")) {
                return Optional.of(HEX.parseHex(text.toLowerCase(java.util.Locale.ROOT)));
            }
            byte[] decoded = text.matches("[A-Za-z0-9+/_-]{43}=?") ? Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/')
                    + (text.endsWith("=") ? "" : "=")) : null;
            return decoded != null && decoded.length == 32 ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Activity per step ("minute" or "hour") over [from, to), and counts by organization and chaincode over the same window. */
    public ExplorerViews.Statistics statistics(IndexedChannel channel, ExplorerViews.IndexStatus status, Instant from, Instant to,
                                               String step) {
        ActivityWindow window = ActivityWindow.of(from, to);
        return query(connection -> {
            List<ExplorerViews.Bucket> activity;
            try (PreparedStatement select = connection.prepareStatement("SELECT date_trunc('" + ("hour".equals(step) ? "hour" : "minute")
                    + "', at) AS bucket, sum(tx_count), sum(valid_tx_count) FROM ("
                    + ActivityWindow.parts(TransactionCounts.column(TransactionCounts.ALL))
                    + ") parts GROUP BY bucket ORDER BY bucket")) {
                window.bind(select, channel.id(), TransactionCounts.ALL);
                activity = list(select, rows -> new ExplorerViews.Bucket(instant(rows.getTimestamp(1)), rows.getLong(2), rows.getLong(3)));
            }
            return new ExplorerViews.Statistics(status, from, to, step, activity, counts(connection, channel, window, TransactionCounts.CREATOR),
                    counts(connection, channel, window, TransactionCounts.CHAINCODE));
        });
    }

    private static List<ExplorerViews.Count> counts(Connection connection, IndexedChannel channel, ActivityWindow window, String dimension)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT value, sum(tx_count) FROM ("
                + ActivityWindow.parts(TransactionCounts.column(dimension))
                + ") parts WHERE value IS NOT NULL GROUP BY value ORDER BY sum(tx_count) DESC, value")) {
            window.bind(select, channel.id(), dimension);
            return list(select, rows -> new ExplorerViews.Count(rows.getString(1), rows.getLong(2)));
        }
    }

    /**
     * A window of time split where the indexer's minutes can answer: the whole minutes inside it
     * from {@code explorer_activity}, the partial first and last minutes from the rows themselves
     * (all of it from the rows when it holds no whole minute). Without a start or an end, it is
     * open on that side (PostgreSQL's infinities), and has no partial minute there.
     */
    record ActivityWindow(String from, String wholeFrom, String wholeTo, String to) {

        static ActivityWindow of(Instant from, Instant to) {
            Instant wholeFrom = from == null ? null : from.truncatedTo(ChronoUnit.MINUTES);
            if (wholeFrom != null && wholeFrom.isBefore(from)) {
                wholeFrom = wholeFrom.plus(Duration.ofMinutes(1));
            }
            Instant wholeTo = to == null ? null : to.truncatedTo(ChronoUnit.MINUTES);
            if (wholeFrom != null && wholeTo != null && !wholeFrom.isBefore(wholeTo)) {
                return new ActivityWindow(from.toString(), to.toString(), to.toString(), to.toString());
            }
            return new ActivityWindow(bound(from, "-infinity"), bound(wholeFrom, "-infinity"), bound(wholeTo, "infinity"),
                    bound(to, "infinity"));
        }

        private static String bound(Instant instant, String open) {
            return instant == null ? open : instant.toString();
        }

        /**
         * The window's transactions as (at, value, tx_count, valid_tx_count): the stored minutes of
         * one dimension, and the rows at the edges with that dimension's {@code column} (NULL for all).
         */
        static String parts(String column) {
            return "SELECT minute AS at, value, tx_count, valid_tx_count FROM explorer_activity"
                    + " WHERE channel = ? AND dimension = ? AND minute >= ?::timestamptz AND minute < ?::timestamptz"
                    + " UNION ALL SELECT created_at, " + column + ", 1, (validation_code = 0)::int FROM explorer_transaction"
                    + " WHERE channel = ? AND ((created_at >= ?::timestamptz AND created_at < ?::timestamptz)"
                    + " OR (created_at >= ?::timestamptz AND created_at < ?::timestamptz))";
        }

        void bind(PreparedStatement statement, long channel, String dimension) throws SQLException {
            ExplorerQueries.bind(statement, List.of(channel, dimension, wholeFrom, wholeTo, channel, from, wholeFrom, wholeTo, to));
        }

        /** How many transactions of the window one chaincode's or creator's value has, or all of them (value null). */
        TransactionCounts.Count count(Connection connection, long channel, String dimension, String value) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(tx_count), 0), coalesce(sum(valid_tx_count), 0)"
                    + " FROM (" + parts(TransactionCounts.column(dimension)) + ") parts" + (value == null ? "" : " WHERE value = ?"))) {
                bind(select, channel, dimension);
                if (value != null) {
                    select.setString(10, value);
                }
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return new TransactionCounts.Count(rows.getLong(1), rows.getLong(2));
                }
            }
        }
    }

    /** A ledger as platform admins see it, named by its Channel resource or its registration. */
    public static ExplorerViews.Ledger ledger(IndexedChannel channel) {
        String[] parts = channel.source().split("/");
        String name = channel.kind().equals(IndexedChannel.CONSORTIUM) && parts.length > 1 ? parts[1] : channel.source();
        return new ExplorerViews.Ledger(channel.id(), channel.kind(), channel.source(), status(channel, name));
    }

    /** The channel's index status as the routes show it. */
    public static ExplorerViews.IndexStatus status(IndexedChannel channel, String name) {
        Long behind = channel.peerHeight().map(height -> Math.max(0, height - channel.nextBlock())).orElse(null);
        return new ExplorerViews.IndexStatus(name, channel.channelId(), channel.state().name(), channel.degradedBlock().orElse(null),
                channel.degradedReason().orElse(null), channel.nextBlock(), channel.peerHeight().orElse(null), behind, channel.blockCount(),
                channel.txCount(), channel.validTxCount(), channel.txCount() - channel.validTxCount(), channel.updatedAt());
    }

    static IndexedChannel channel(ResultSet rows) throws SQLException {
        return new IndexedChannel(rows.getLong("id"), rows.getString("kind"), rows.getString("source"), rows.getString("channel_id"),
                rows.getLong("next_block"), IndexedChannel.State.valueOf(rows.getString("state")),
                Optional.ofNullable((Long) rows.getObject("degraded_block")), Optional.ofNullable(rows.getString("degraded_reason")),
                rows.getLong("block_count"), rows.getLong("tx_count"), rows.getLong("valid_tx_count"),
                Optional.ofNullable((Long) rows.getObject("peer_height")), instant(rows.getTimestamp("updated_at")));
    }

    private static BlockSummary block(ResultSet rows) throws SQLException {
        return new BlockSummary(rows.getLong(1), HEX.formatHex(rows.getBytes(2)), HEX.formatHex(rows.getBytes(3)),
                HEX.formatHex(rows.getBytes(4)), rows.getInt(5), rows.getInt(6), instant(rows.getTimestamp(7)), rows.getBoolean(8),
                rows.getInt(9));
    }

    private static TransactionSummary transaction(ResultSet rows) throws SQLException {
        int code = rows.getInt(9);
        TxValidationCode validation = TxValidationCode.forNumber(code);
        Array endorsers = rows.getArray(11);
        return new TransactionSummary(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getString(8), validation == null ? Integer.toString(code) : validation.name(),
                code == 0, instant(rows.getTimestamp(10)), Arrays.asList((String[]) endorsers.getArray()), rows.getInt(12),
                rows.getInt(13), rows.getInt(14));
    }

    private static String prefixed(String columns) {
        return "t." + columns.replace(", ", ", t.");
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A write with its value as text, or in base64 when it is not text. */
    private static ExplorerViews.Write write(KeyWrite write) {
        Optional<String> text = text(write.value());
        return new ExplorerViews.Write(write.key(), write.delete(), text.orElse(null),
                text.isPresent() ? null : Base64.getEncoder().encodeToString(write.value().toByteArray()));
    }

    /** UTF-8 text when the bytes are that, else base64 prefixed "base64:" (as the fixtures' facts write arguments). */
    static String printable(ByteString bytes) {
        return text(bytes).orElseGet(() -> "base64:" + Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    /** The bytes as text when they are well-formed UTF-8 without control characters other than line breaks and tabs. */
    private static Optional<String> text(ByteString bytes) {
        if (!bytes.isValidUtf8()) {
            return Optional.empty();
        }
        String text = bytes.toStringUtf8();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> List<T> list(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
        List<T> items = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                items.add(mapper.map(rows));
            }
        }
        return items;
    }

    private static long count(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(sql)) {
            bind(count, parameters);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private <T> T query(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw Db.isUnavailable(e) ? new DatabaseUnavailableException(e) : new IllegalStateException("explorer query failed", e);
        }
    }
}
