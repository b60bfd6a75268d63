package io.baas.openapi;

import io.agroal.api.AgroalDataSource;
import io.baas.store.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The nonces of signed requests, in PostgreSQL so that every replica sees them: a nonce is taken
 * once per access key while its request's time window lasts; a second use anywhere is a replay.
 */
@ApplicationScoped
public class NonceLedger {

    private final AgroalDataSource dataSource;

    NonceLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when the nonce was free and is now taken until {@code expiresAt}; false when it was taken before (a replay). */
    public boolean take(String accessKeyId, String nonce, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO open_api_nonce (access_key_id, nonce, expires_at) "
                     + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, accessKeyId);
            insert.setString(2, nonce);
            insert.setTimestamp(3, Timestamp.from(expiresAt));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** Forgets nonces whose window has passed: a request that old is refused for its time before its nonce is looked at. */
    public int prune(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM open_api_nonce WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }
}
