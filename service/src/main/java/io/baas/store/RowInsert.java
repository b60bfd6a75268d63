package io.baas.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Rows of one table that every request writes (the audit log, the key-use log), each durable when
 * {@link #write} returns, from worker threads: no ORM session, no BEGIN and COMMIT of their own.
 *
 * <p>Concurrent writers share statements (group commit): the first writer writes what is queued,
 * its own row first, in one autocommitted multi-row INSERT, while the others wait for the outcome of
 * theirs. Once its own row is written it hands the turn to the oldest waiting writer. One writer
 * alone pays one statement, as before; sixteen pay fewer commits, each a WAL flush. A batch that
 * fails for a row's own fault is written again row by row, so one bad row fails alone.
 */
public final class RowInsert {

    /** The most rows one statement writes: far below PostgreSQL's 65,535 parameters for any table here. */
    static final int MAX_BATCH = 64;

    private final String table;
    private final String columnList;
    private final String parameterMarkers;
    private final int columns;
    private final String[] statements = new String[MAX_BATCH + 1];
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    private RowInsert(String table, String[] columns) {
        this.table = table;
        this.columnList = String.join(", ", columns);
        this.parameterMarkers = "(" + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
        this.columns = columns.length;
    }

    public static RowInsert into(String table, String... columns) {
        return new RowInsert(table, columns);
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
        Pending mine = new Pending(dataSource, values.clone());
        queue.add(mine);
        do {
            writeQueued(mine);
        } while (!mine.awaitDoneOrTurn());
        mine.rethrow();
    }

    /** How many rows wait for a writer (for tests). */
    int queued() {
        return queue.size();
    }

    /**
     * Writes queued rows in batches while no other thread does, until {@code mine} is written; then
     * wakes the oldest waiting writer, if any, to write the rest. A writer that finds another
     * writing returns and waits: that one wakes it, or writes its row.
     */
    private void writeQueued(Pending mine) {
        while (!mine.isDone() && !queue.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                while (!mine.isDone()) {
                    List<Pending> batch = drain();
                    if (batch.isEmpty()) {
                        break;
                    }
                    writeBatch(batch);
                }
            } finally {
                writing.set(false);
            }
            // Checked after letting go, so a row queued while this thread wrote is never left without a writer.
            Pending next = queue.peek();
            if (next != null) {
                next.yourTurn();
            }
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void writeBatch(List<Pending> batch) {
        // Rows for another data source (never the case in the service, possible in tests) go in statements of their own.
        List<Pending> same = new ArrayList<>();
        for (Pending row : batch) {
            if (!same.isEmpty() && same.get(0).dataSource != row.dataSource) {
                writeTogether(same);
                same = new ArrayList<>();
            }
            same.add(row);
        }
        writeTogether(same);
    }

    private void writeTogether(List<Pending> rows) {
        try {
            insert(rows.get(0).dataSource, rows);
            rows.forEach(row -> row.finish(null));
        } catch (SQLException e) {
            if (rows.size() > 1 && !Db.isUnavailable(e)) {
                for (Pending row : rows) {
                    writeTogether(List.of(row));
                }
                return;
            }
            rows.forEach(row -> row.finish(Db.translate(e))); // an exception of its own for each writer's thread
        } catch (RuntimeException e) {
            rows.forEach(row -> row.finish(e));
        }
    }

    private void insert(DataSource dataSource, List<Pending> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql(rows.size()))) {
            int parameter = 1;
            for (Pending row : rows) {
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

    /** The INSERT of {@code rows} rows, made once per count (pgjdbc prepares each on the server after a few uses). */
    private String sql(int rows) {
        String sql = statements[rows];
        if (sql == null) {
            sql = "INSERT INTO " + table + " (" + columnList + ") VALUES " + String.join(", ", Collections.nCopies(rows, parameterMarkers));
            statements[rows] = sql;
        }
        return sql;
    }

    /** One row and the outcome its writer waits for. */
    private static final class Pending {

        final DataSource dataSource;
        final Object[] values;
        private boolean done;
        private boolean turn;
        private RuntimeException failure;

        Pending(DataSource dataSource, Object[] values) {
            this.dataSource = dataSource;
            this.values = values;
        }

        synchronized void finish(RuntimeException failure) {
            this.done = true;
            this.failure = failure;
            notifyAll();
        }

        synchronized void yourTurn() {
            turn = true;
            notifyAll();
        }

        synchronized boolean isDone() {
            return done;
        }

        /** True once written (or failed); false when woken to write the queue. Uninterruptible: the row may be written meanwhile. */
        synchronized boolean awaitDoneOrTurn() {
            boolean interrupted = false;
            while (!done && !turn) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            turn = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return done;
        }

        synchronized void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
