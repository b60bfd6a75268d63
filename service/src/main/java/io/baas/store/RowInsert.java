package io.baas.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import javax.sql.DataSource;

/**
 * One row written by a single autocommitted statement over JDBC, from a worker thread: for the
 * records every request writes (the audit log, the key-use log), which need neither an ORM session
 * nor a BEGIN and COMMIT of their own, only one round trip that is durable when it returns.
 */
public final class RowInsert {

    private final String sql;
    private final int columns;

    private RowInsert(String sql, int columns) {
        this.sql = sql;
        this.columns = columns;
    }

    public static RowInsert into(String table, String... columns) {
        String parameterMarkers = String.join(", ", Collections.nCopies(columns.length, "?"));
        return new RowInsert("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + parameterMarkers + ")",
                columns.length);
    }

    /**
     * Writes the row, values in the order of the columns (null for SQL NULL).
     *
     * @throws RuntimeException a {@link DatabaseUnavailableException} when the database cannot be reached or used
     */
    public void write(DataSource dataSource, Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("Expected " + columns + " values, got " + values.length + ".");
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw Db.translate(e);
        }
    }
}
