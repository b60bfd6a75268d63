package io.baas.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The records every request writes (the audit log, the key-use log), one row per call, each durable
 * when its call returns, from worker threads: no ORM session and no BEGIN and COMMIT of their own.
 *
 * <p>Rows that arrive while another row of the same table is being written are committed together
 * (group commit): the first caller to find the writer free writes every row queued by then in one
 * autocommitted multi-row statement, and the others return once that has committed. A caller alone
 * still writes its own row at once, in one round trip. At 16 concurrent notarizations about 2.5 rows
 * share a statement, and PostgreSQL spends about a quarter less per call (docs/benchmarks.md).
 */
public final class RowInsert {

    /** Rows per statement; more wait for the next one. */
    static final int MAX_ROWS = 64;

    private final String head;
    private final String rowMarkers;
    private final int columns;
    private final String[] statements = new String[MAX_ROWS + 1];
    private final Queue<QueuedRow> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    private RowInsert(String head, String rowMarkers, int columns) {
        this.head = head;
        this.rowMarkers = rowMarkers;
        this.columns = columns;
    }

    public static RowInsert into(String table, String... columns) {
        String rowMarkers = "(" + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
        return new RowInsert("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ", rowMarkers, columns.length);
    }

    /**
     * Writes the row, values in the order of the columns (null for SQL NULL), and returns once it is
     * committed.
     *
     * @throws RuntimeException a {@link DatabaseUnavailableException} when the database cannot be reached or used
     */
    public void write(DataSource dataSource, Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("Expected " + columns + " values, got " + values.length + ".");
        }
        QueuedRow row = new QueuedRow(dataSource, values.clone());
        queued.add(row);
        writer.lock();
        try {
            // Whoever held the writer may have committed this row with its own; if not, it is in the queue.
            while (!row.settled()) {
                writeQueued();
            }
        } finally {
            writer.unlock();
        }
        row.rethrowFailure();
    }

    /** Rows waiting for the writer, for tests that line callers up behind a write. */
    int queuedRows() {
        return queued.size();
    }

    private void writeQueued() {
        Map<DataSource, List<QueuedRow>> byDataSource = new LinkedHashMap<>();
        for (int taken = 0; taken < MAX_ROWS; taken++) {
            QueuedRow row = queued.poll();
            if (row == null) {
                break;
            }
            byDataSource.computeIfAbsent(row.dataSource, d -> new ArrayList<>()).add(row);
        }
        try {
            byDataSource.forEach(this::writeTogether);
        } catch (Error e) {
            // Settled either way: a caller whose row was taken from the queue must not wait for it forever.
            RuntimeException failure = new IllegalStateException("The row was not written.", e);
            byDataSource.values().forEach(rows -> rows.stream().filter(row -> !row.settled()).forEach(row -> row.finish(failure)));
            throw e;
        }
    }

    private void writeTogether(DataSource dataSource, List<QueuedRow> rows) {
        try {
            insert(dataSource, rows);
            rows.forEach(row -> row.finish(null));
        } catch (SQLException e) {
            if (rows.size() > 1 && !Db.isUnavailable(e)) {
                // One row the database refuses (a constraint, a value too long) must not fail the others' calls.
                rows.forEach(row -> writeTogether(dataSource, List.of(row)));
                return;
            }
            rows.forEach(row -> row.finish(Db.translate(e))); // each caller its own exception to throw
        } catch (RuntimeException e) {
            rows.forEach(row -> row.finish(e));
        }
    }

    private void insert(DataSource dataSource, List<QueuedRow> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(statement(rows.size()))) {
            int parameter = 1;
            for (QueuedRow row : rows) {
                for (Object value : row.values) {
                    if (value == null) {
                        statement.setNull(parameter++, Types.NULL);
                    } else {
                        statement.setObject(parameter++, value);
                    }
                }
            }
            statement.executeUpdate();
        }
    }

    /**
     * The statement for so many rows, built once per size (under the writer's lock) so the driver's
     * statement cache can keep it prepared.
     */
    private String statement(int rows) {
        String sql = statements[rows];
        if (sql == null) {
            sql = head + String.join(", ", Collections.nCopies(rows, rowMarkers));
            statements[rows] = sql;
        }
        return sql;
    }

    /** One caller's row; its outcome is set and read under the writer's lock. */
    private static final class QueuedRow {

        final DataSource dataSource;
        final Object[] values;
        private boolean settled;
        private RuntimeException failure;

        QueuedRow(DataSource dataSource, Object[] values) {
            this.dataSource = dataSource;
            this.values = values;
        }

        void finish(RuntimeException failure) {
            this.failure = failure;
            this.settled = true;
        }

        /** Committed, or failed for good. */
        boolean settled() {
            return settled;
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
