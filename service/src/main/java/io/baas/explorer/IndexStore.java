package io.baas.explorer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.postgresql.PGConnection;

/**
 * The index's writes on one JDBC connection (the one whose advisory lock makes its holder the
 * channel's only indexer, or its holder's second while it catches up): registering a ledger, reading its checkpoint, a batch of blocks with
 * the checkpoint after it in one transaction (COPY for the rows), and stopping it as Degraded.
 */
public final class IndexStore {

    /** The first key of the explorer's advisory locks ("BAAS"); the second is the channel's row id. */
    private static final int LOCK_CLASS = 0x42414153;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;

    public IndexStore(Connection connection) {
        this.connection = connection;
    }

    /** The ledger's row, made on first sight with the block its verification starts from. */
    public IndexedChannel register(String kind, String source, String channelId, Block trusted) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO explorer_channel (kind, source, channel_id, next_block, trusted_block, state, updated_at)
                VALUES (?, ?, ?, ?, ?, 'Indexing', now()) ON CONFLICT (kind, source) DO NOTHING""")) {
            insert.setString(1, kind);
            insert.setString(2, source);
            insert.setString(3, channelId);
            insert.setLong(4, trusted.getHeader().getNumber());
            insert.setBytes(5, trusted.toByteArray());
            insert.executeUpdate();
        }
        commitIfNeeded();
        return find(kind, source).orElseThrow(() -> new SQLException("explorer_channel " + kind + " " + source + " vanished"));
    }

    public Optional<IndexedChannel> find(String kind, String source) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + ExplorerQueries.CHANNEL_COLUMNS
                + " FROM explorer_channel WHERE kind = ? AND source = ?")) {
            select.setString(1, kind);
            select.setString(2, source);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(ExplorerQueries.channel(rows)) : Optional.empty();
            }
        }
    }

    /** The block verification starts from, as registered. */
    public Block trustedBlock(long channel) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT trusted_block FROM explorer_channel WHERE id = ?")) {
            select.setLong(1, channel);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no explorer_channel " + channel);
                }
                return Block.parseFrom(rows.getBytes(1));
            } catch (InvalidProtocolBufferException e) {
                throw new SQLException("the trusted block of explorer_channel " + channel + " cannot be read", e);
            }
        }
    }

    public Checkpoint checkpoint(long channel) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT next_block, last_header_hash, config, config_block FROM explorer_channel WHERE id = ?")) {
            select.setLong(1, channel);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no explorer_channel " + channel);
                }
                byte[] hash = rows.getBytes(2);
                byte[] config = rows.getBytes(3);
                return new Checkpoint(rows.getLong(1), Optional.ofNullable(hash).map(ByteString::copyFrom),
                        config == null ? Optional.empty() : Optional.of(new TrustedConfig(Config.parseFrom(config), rows.getLong(4))));
            } catch (InvalidProtocolBufferException e) {
                throw new SQLException("the config of explorer_channel " + channel + " cannot be read", e);
            }
        }
    }

    /** Whether this connection now holds (or already held) the channel's indexing lock; released when it closes. */
    public boolean tryLock(long channel) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, Math.toIntExact(channel));
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            } finally {
                commitIfNeeded();
            }
        }
    }

    /**
     * The batch's rows and the checkpoint after its last block, in one transaction; nothing when
     * the checkpoint is no longer {@code before} (another writer moved it: a lock that was lost).
     */
    public void write(long channel, Checkpoint before, List<IndexedBlock> batch, OptionalLong peerHeight) throws SQLException {
        write(channel, before, batch, peerHeight, () -> {
        });
    }

    /**
     * As {@link #write(long, Checkpoint, List, OptionalLong)}, with {@code beforeCheckpoint} run after the rows went
     * in and before the checkpoint moves: a batch written beside the one before it waits there for
     * that one to land. When it throws, the batch rolls back.
     */
    public void write(long channel, Checkpoint before, List<IndexedBlock> batch, OptionalLong peerHeight, Runnable beforeCheckpoint)
            throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        inTransaction(() -> {
            CopyRows blocks = new CopyRows((int) Math.min(Integer.MAX_VALUE - 16, batch.stream()
                    .mapToLong(b -> b.block().payload().length + 256L).sum()));
            CopyRows transactions = new CopyRows();
            CopyRows keys = new CopyRows();
            TransactionCounts counts = new TransactionCounts();
            long txCount = 0;
            long validTxCount = 0;
            for (IndexedBlock indexed : batch) {
                IndexedBlock.Block b = indexed.block();
                blocks.row(11).int8(channel).int8(b.number()).bytea(b.headerHash()).bytea(b.previousHash()).bytea(b.dataHash())
                        .int4(b.txCount()).int4(b.validTxCount()).timestamptz(b.createdAt()).bool(b.config()).int4(b.sizeBytes())
                        .bytea(b.payload());
                txCount += b.txCount();
                validTxCount += b.validTxCount();
                for (IndexedBlock.Transaction t : indexed.transactions()) {
                    transactions.row(16).int8(channel).int8(t.block()).int4(t.index()).text(t.txId()).text(t.type()).text(t.creatorMsp())
                            .text(t.creatorSubject()).text(t.chaincode()).text(t.function()).int2(t.validationCode()).timestamptz(t.createdAt())
                            .textArray(t.endorsers()).int4(t.readCount()).int4(t.writeCount()).int4(t.sizeBytes())
                            .int4(t.envelopeOffset());
                    counts.add(t);
                }
                for (IndexedBlock.WrittenKey k : indexed.keys()) {
                    keys.row(7).int8(channel).text(k.chaincode()).bytea(k.key()).int8(k.block()).int4(k.index()).bool(k.delete())
                            .bool(k.valid());
                }
            }
            try {
                copyRows(blocks, transactions, keys);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Rows of these blocks are there already: another indexer wrote them and moved the checkpoint.
                    throw new LostLockException(channel);
                }
                throw e;
            }
            // Last: the rows may go in while the batch before this one is written on another connection.
            beforeCheckpoint.run();
            Checkpoint after = batch.get(batch.size() - 1).after();
            if (!advance(channel, before, after, batch.size(), txCount, validTxCount, peerHeight)) {
                throw new LostLockException(channel);
            }
            // After the checkpoint: the channel's row is locked first, as a re-index locks it before taking counts back
            // (the other order deadlocks with it), and the batch before this one has landed (its counts are the same rows).
            counts.addTo(connection, channel);
            return null;
        });
    }

    private void copyRows(CopyRows blocks, CopyRows transactions, CopyRows keys) throws SQLException {
        copy("COPY explorer_block (channel, number, header_hash, previous_hash, data_hash, tx_count, valid_tx_count, created_at,"
                + " config, size_bytes, payload) FROM STDIN (FORMAT binary)", blocks);
        copy("COPY explorer_transaction (channel, block, tx_index, tx_id, type, creator_msp, creator_subject, chaincode, function,"
                + " validation_code, created_at, endorsers, read_count, write_count, size_bytes, envelope_offset) FROM STDIN (FORMAT binary)",
                transactions);
        copy("COPY explorer_written_key (channel, chaincode, key, block, tx_index, is_delete, valid) FROM STDIN (FORMAT binary)", keys);
    }

    private boolean advance(long channel, Checkpoint before, Checkpoint after, int blocks, long txs, long validTxs,
                            OptionalLong peerHeight) throws SQLException {
        // The config is sent only when a config block changed it: it is tens of KiB.
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE explorer_channel SET next_block = ?, last_header_hash = ?, config = COALESCE(?, config), config_block = ?,
                  block_count = block_count + ?, tx_count = tx_count + ?, valid_tx_count = valid_tx_count + ?,
                  peer_height = COALESCE(?, peer_height), updated_at = now()
                WHERE id = ? AND next_block = ? AND state = 'Indexing'""")) {
            TrustedConfig config = after.config().orElseThrow();
            boolean changed = before.config().map(c -> c != config).orElse(true);
            update.setLong(1, after.nextBlock());
            update.setBytes(2, after.lastHeaderHash().orElseThrow().toByteArray());
            update.setBytes(3, changed ? config.config().toByteArray() : null);
            update.setLong(4, config.blockNumber());
            update.setLong(5, blocks);
            update.setLong(6, txs);
            update.setLong(7, validTxs);
            update.setObject(8, peerHeight.isPresent() ? peerHeight.getAsLong() : null, java.sql.Types.BIGINT);
            update.setLong(9, channel);
            update.setLong(10, before.nextBlock());
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Forgets a ledger: its blocks, transactions, written keys, counts, minutes and row, in one transaction. The
     * channel's row is locked first, so a batch being written meanwhile either committed before
     * (and its rows are deleted here) or finds its row gone at its checkpoint and rolls back.
     */
    public void remove(long channel) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM explorer_channel WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, channel);
                lock.executeQuery().close();
            }
            for (String table : List.of("explorer_written_key", "explorer_transaction", "explorer_transaction_count", "explorer_activity",
                    "explorer_block", "explorer_channel")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                        + (table.equals("explorer_channel") ? " WHERE id = ?" : " WHERE channel = ?"))) {
                    delete.setLong(1, channel);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Forgets the blocks from {@code fromBlock} on and moves the checkpoint back to it (the header
     * hash of the block before and the config in force there, from the blocks kept), clearing a
     * Degraded state: the channel's indexer, here or in another replica, finds its checkpoint moved
     * at its next write and ends; the next one starts from here. Below the trusted block, from it.
     */
    public IndexedChannel reindex(long channel, long fromBlock) throws SQLException {
        inTransaction(() -> {
            long trusted;
            try (PreparedStatement lock = connection.prepareStatement("SELECT trusted_block FROM explorer_channel WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, channel);
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("no explorer_channel " + channel);
                    }
                    trusted = Block.parseFrom(rows.getBytes(1)).getHeader().getNumber();
                } catch (InvalidProtocolBufferException e) {
                    throw new SQLException("the trusted block of explorer_channel " + channel + " cannot be read", e);
                }
            }
            long from = Math.max(fromBlock, trusted);
            TransactionCounts.takeBack(connection, channel, from);
            for (String table : List.of("explorer_written_key", "explorer_transaction")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE channel = ? AND block >= ?")) {
                    delete.setLong(1, channel);
                    delete.setLong(2, from);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM explorer_block WHERE channel = ? AND number >= ?")) {
                delete.setLong(1, channel);
                delete.setLong(2, from);
                delete.executeUpdate();
            }
            byte[] lastHeaderHash = null;
            byte[] config = null;
            Long configBlock = null;
            if (from > trusted) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT header_hash FROM explorer_block WHERE channel = ? AND number = ?")) {
                    select.setLong(1, channel);
                    select.setLong(2, from - 1);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            throw new SQLException("block " + (from - 1) + " of explorer_channel " + channel + " is not indexed");
                        }
                        lastHeaderHash = rows.getBytes(1);
                    }
                }
                try (PreparedStatement select = connection.prepareStatement("SELECT number, payload FROM explorer_block"
                        + " WHERE channel = ? AND number < ? AND config ORDER BY number DESC LIMIT 1")) {
                    select.setLong(1, channel);
                    select.setLong(2, from);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next() || rows.getBytes(2) == null) {
                            throw new SQLException("no stored config block below " + from + " in explorer_channel " + channel);
                        }
                        configBlock = rows.getLong(1);
                        config = io.baas.fabric.block.BlockDecoder.decode(rows.getBytes(2)).transactions().get(0).config().orElseThrow()
                                .config().toByteArray();
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE explorer_channel c SET next_block = ?, last_header_hash = ?, config = ?, config_block = ?, state = 'Indexing',
                      degraded_block = NULL, degraded_reason = NULL, updated_at = now(),
                      block_count = (SELECT count(*) FROM explorer_block b WHERE b.channel = c.id),
                      tx_count = (SELECT COALESCE(sum(tx_count), 0) FROM explorer_block b WHERE b.channel = c.id),
                      valid_tx_count = (SELECT COALESCE(sum(valid_tx_count), 0) FROM explorer_block b WHERE b.channel = c.id)
                    WHERE id = ?""")) {
                update.setLong(1, from);
                update.setBytes(2, lastHeaderHash);
                update.setBytes(3, config);
                update.setObject(4, configBlock, java.sql.Types.BIGINT);
                update.setLong(5, channel);
                update.executeUpdate();
            }
            return null;
        });
        try (PreparedStatement select = connection.prepareStatement("SELECT " + ExplorerQueries.CHANNEL_COLUMNS
                + " FROM explorer_channel WHERE id = ?")) {
            select.setLong(1, channel);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return ExplorerQueries.channel(rows);
            }
        }
    }

    /**
     * Drops the payloads of the channel's blocks below {@code belowBlock}, config blocks aside:
     * their headers, transactions and keys stay; their transaction details become summaries.
     */
    public int prunePayloads(long channel, long belowBlock) throws SQLException {
        try (PreparedStatement prune = connection.prepareStatement("UPDATE explorer_block SET payload = NULL"
                + " WHERE channel = ? AND number < ? AND NOT config AND payload IS NOT NULL")) {
            prune.setLong(1, channel);
            prune.setLong(2, belowBlock);
            int pruned = prune.executeUpdate();
            commitIfNeeded();
            return pruned;
        }
    }

    /**
     * Refreshes the planner's statistics of the explorer's tables (sampled: a second or so at
     * millions of rows), and vacuums the written keys: a key's history is read from its index
     * alone only where vacuum has marked the table's pages all-visible, and autovacuum may come
     * much later, or be off.
     */
    public void vacuumAndAnalyze() throws SQLException {
        commitIfNeeded();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true); // VACUUM cannot run in a transaction
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) explorer_written_key");
            statement.execute("ANALYZE explorer_block, explorer_transaction");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Stops the channel: the block that broke the chain and why; what was indexed before it stays. */
    public void degrade(long channel, long block, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE explorer_channel SET state = 'Degraded', degraded_block = ?, degraded_reason = ?, updated_at = now()
                WHERE id = ?""")) {
            update.setLong(1, block);
            update.setString(2, BlockRows.text(reason, 2000));
            update.setLong(3, channel);
            update.executeUpdate();
        }
        commitIfNeeded();
    }

    private void copy(String sql, CopyRows rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows.stream(), 1 << 16);
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    private void commitIfNeeded() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** The work in one database transaction, rolled back when it throws. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; so is the transaction
        }
    }

    /** Another indexer moved the checkpoint: this one no longer holds the channel. */
    public static final class LostLockException extends SQLException {
        LostLockException(long channel) {
            super("the checkpoint of explorer_channel " + channel + " moved under this indexer");
        }
    }
}
