package io.baas.openapi;

import io.agroal.api.AgroalDataSource;
import io.baas.application.SignedApplication;
import io.baas.store.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Each application's rate limit as a token bucket in PostgreSQL, shared by every replica: one
 * statement refills the bucket for the time gone by and takes a token, or takes none when less
 * than one is there. Exact for the application as a whole, at the cost of a round trip per call
 * (as the nonce already costs); a per-replica share of the limit would drift as replicas come and
 * go and would refuse a client that one replica happens to serve.
 */
@ApplicationScoped
public class RateLimiter {

    /** Refill then take, in one statement; no row back means the bucket held less than one token. */
    private static final String TAKE = "INSERT INTO application_rate AS r (application_id, tokens, refilled_at) VALUES (?, ? - 1, now()) "
            + "ON CONFLICT (application_id) DO UPDATE SET "
            + "tokens = least(?, r.tokens + ? * extract(epoch FROM now() - r.refilled_at)) - 1, refilled_at = now() "
            + "WHERE least(?, r.tokens + ? * extract(epoch FROM now() - r.refilled_at)) >= 1 RETURNING tokens";
    private static final String LEVEL = "SELECT least(?, tokens + ? * extract(epoch FROM now() - refilled_at)) FROM application_rate "
            + "WHERE application_id = ?";

    private final AgroalDataSource dataSource;

    RateLimiter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes one request from the application's bucket; when it is empty, the whole seconds until one is there. */
    public OptionalLong take(SignedApplication application) {
        double rate = application.requestsPerSecond();
        int burst = application.burst();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setLong(1, application.id());
                take.setDouble(2, burst);
                take.setDouble(3, burst);
                take.setDouble(4, rate);
                take.setDouble(5, burst);
                take.setDouble(6, rate);
                try (ResultSet taken = take.executeQuery()) {
                    if (taken.next()) {
                        return OptionalLong.empty();
                    }
                }
            }
            try (PreparedStatement level = connection.prepareStatement(LEVEL)) {
                level.setDouble(1, burst);
                level.setDouble(2, rate);
                level.setLong(3, application.id());
                try (ResultSet row = level.executeQuery()) {
                    double tokens = row.next() ? row.getDouble(1) : 0;
                    return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - tokens) / rate)));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }
}
