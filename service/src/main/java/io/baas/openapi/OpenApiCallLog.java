package io.baas.openapi;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import org.jboss.logging.Logger;

/** Every call on the open API, in table open_api_call; a call is answered whether or not its record could be written. */
@ApplicationScoped
public class OpenApiCallLog {

    private static final Logger LOG = Logger.getLogger(OpenApiCallLog.class);

    private final AgroalDataSource dataSource;

    OpenApiCallLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(OpenApiCall call) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO open_api_call (occurred_at, namespace, application, "
                     + "access_key_id, operation, method, path, status, reason, latency_micros, source_ip, application_id) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(call.occurredAt()));
            insert.setString(2, call.namespace());
            insert.setString(3, call.application());
            insert.setString(4, call.accessKeyId());
            insert.setString(5, call.operation());
            insert.setString(6, call.method());
            insert.setString(7, clip(call.path(), 1024));
            insert.setInt(8, call.status());
            if (call.reason() == null) {
                insert.setNull(9, Types.VARCHAR);
            } else {
                insert.setString(9, clip(call.reason(), 64));
            }
            insert.setLong(10, call.latencyMicros());
            insert.setString(11, call.sourceIp());
            insert.setObject(12, call.applicationId(), Types.BIGINT);
            insert.executeUpdate();
        } catch (SQLException e) {
            // The write already happened (or was refused); losing its log line must not turn the answer into an error.
            LOG.warnf("An open API call could not be logged (%s %s, %d): %s", call.method(), call.path(), call.status(), e.getMessage());
        }
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
