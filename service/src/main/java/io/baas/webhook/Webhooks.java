package io.baas.webhook;

import io.agroal.api.AgroalDataSource;
import io.baas.application.Applications;
import io.baas.config.BaasConfig;
import io.baas.error.DomainException;
import io.baas.error.ExistingObjectException;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import io.baas.k8s.Names;
import io.baas.store.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An application's webhooks: made only for chaincodes its scopes name on the channel, to an
 * https:// receiver (http:// where allowed); read with where delivery stands; replayed from a block;
 * their dead letters listed. Always reached through the application, itself found by namespace and
 * name under the namespace's current holder.
 */
@ApplicationScoped
public class Webhooks {

    private static final String COLUMNS = "w.name, w.kind, w.url, w.channel, w.chaincode, w.event_name, w.next_block, w.done_in_block, w.attempts, "
            + "w.retry_at, w.last_error, w.delivered, w.created_by, w.created_at, "
            + "(SELECT count(*) FROM application_webhook_dead_letter d WHERE d.webhook_id = w.id) AS dead_letters";

    private final AgroalDataSource dataSource;
    private final Applications applications;
    private final boolean allowHttp;

    Webhooks(AgroalDataSource dataSource, Applications applications, BaasConfig config) {
        this.dataSource = dataSource;
        this.applications = applications;
        this.allowHttp = config.openApi().webhooks().allowHttp();
    }

    public List<WebhookView> list(String namespace, String application) {
        long id = applications.reference(namespace, application).id();
        return query("SELECT " + COLUMNS + " FROM application_webhook w WHERE w.application_id = ? ORDER BY w.name", id, null);
    }

    public WebhookView get(String namespace, String application, String name) {
        long id = applications.reference(namespace, application).id();
        return query("SELECT " + COLUMNS + " FROM application_webhook w WHERE w.application_id = ? AND w.name = ?", id, name).stream()
                .findFirst().orElseThrow(() -> notFound(application, name));
    }

    public WebhookView create(String namespace, String application, NewWebhook request, Caller caller) {
        Applications.ApplicationRef owner = applications.reference(namespace, application);
        List<FieldError> errors = new ArrayList<>();
        if (!Names.isDnsLabel(request.name())) {
            errors.add(new FieldError("name", "must be a DNS-1123 label"));
        }
        checkUrl(request.url(), errors);
        if (!Names.isDnsLabel(request.channel())) {
            errors.add(new FieldError("channel", "must name a channel"));
        }
        String kind = request.kindOrDefault();
        if (kind.equals(NewWebhook.TRANSACTION_STATUS)) {
            if (request.chaincode() != null || request.eventName() != null) {
                errors.add(new FieldError("chaincode", "names no chaincode or event for the application's own transactions"));
            } else if (Names.isDnsLabel(request.channel()) && !owner.coversChannel(request.channel())) {
                errors.add(new FieldError("channel", "must be in one of the application's scopes"));
            }
        } else if (!kind.equals(NewWebhook.CHAINCODE_EVENTS)) {
            errors.add(new FieldError("kind", "must be ChaincodeEvents or TransactionStatus"));
        } else if (!Names.isDnsLabel(request.chaincode())) {
            errors.add(new FieldError("chaincode", "must name a chaincode"));
        } else if (Names.isDnsLabel(request.channel()) && !owner.coversChaincode(request.channel(), request.chaincode())) {
            errors.add(new FieldError("chaincode", "must be named by one of the application's scopes on the channel"));
        }
        if (request.eventName() != null && (request.eventName().isEmpty() || request.eventName().length() > 256)) {
            errors.add(new FieldError("eventName", "must be 1 to 256 characters, or left out for every event"));
        }
        if (request.fromBlock() != null && request.fromBlock() < 0) {
            errors.add(new FieldError("fromBlock", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The webhook is invalid.", errors);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO application_webhook (application_id, name, url, channel, "
                     + "chaincode, event_name, next_block, created_by, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, owner.id());
            insert.setString(2, request.name());
            insert.setString(3, request.url());
            insert.setString(4, request.channel());
            insert.setString(5, request.chaincode());
            insert.setString(6, request.eventName());
            insert.setLong(7, request.fromBlock() == null ? 0 : request.fromBlock());
            insert.setString(8, caller.username());
            insert.setTimestamp(9, Timestamp.from(Instant.now()));
            insert.setString(10, kind);
            insert.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ExistingObjectException("AlreadyExists", "Application " + application + " has a webhook " + request.name() + ".",
                        get(namespace, application, request.name()));
            }
            throw new DatabaseUnavailableException(e);
        }
        return get(namespace, application, request.name());
    }

    public void delete(String namespace, String application, String name) {
        long id = applications.reference(namespace, application).id();
        if (update("DELETE FROM application_webhook WHERE application_id = ? AND name = ?", id, name) == 0) {
            throw notFound(application, name);
        }
    }

    /**
     * Delivers again from a block: the checkpoint moves there and failures are forgotten. Events
     * delivered before are delivered again, as at-least-once allows.
     */
    public WebhookView replay(String namespace, String application, String name, Long fromBlock) {
        if (fromBlock == null || fromBlock < 0) {
            throw DomainException.invalid("Say from which block.", List.of(new FieldError("fromBlock", "must be 0 or more")));
        }
        long id = applications.reference(namespace, application).id();
        if (update("UPDATE application_webhook SET next_block = ?, done_in_block = 0, attempts = 0, retry_at = NULL, "
                + "last_error = NULL WHERE application_id = ? AND name = ?", fromBlock, id, name) == 0) {
            throw notFound(application, name);
        }
        return get(namespace, application, name);
    }

    public List<DeadLetter> deadLetters(String namespace, String application, String name) {
        long id = applications.reference(namespace, application).id();
        if (query("SELECT " + COLUMNS + " FROM application_webhook w WHERE w.application_id = ? AND w.name = ?", id, name).isEmpty()) {
            throw notFound(application, name);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT d.* FROM application_webhook_dead_letter d "
                     + "JOIN application_webhook w ON w.id = d.webhook_id WHERE w.application_id = ? AND w.name = ? ORDER BY d.id")) {
            statement.setLong(1, id);
            statement.setString(2, name);
            List<DeadLetter> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new DeadLetter(rows.getLong("id"), rows.getLong("block_number"), rows.getString("tx_id"),
                            rows.getString("event_name"), Base64.getEncoder().encodeToString(rows.getBytes("payload")),
                            rows.getInt("attempts"), rows.getString("last_error"), rows.getTimestamp("failed_at").toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private void checkUrl(String url, List<FieldError> errors) {
        try {
            URI uri = url == null ? null : new URI(url);
            boolean scheme = uri != null && ("https".equals(uri.getScheme()) || (allowHttp && "http".equals(uri.getScheme())));
            if (!scheme || uri.getHost() == null || uri.getUserInfo() != null || url.length() > 2048) {
                errors.add(new FieldError("url", allowHttp ? "must be an http:// or https:// URL without user info"
                        : "must be an https:// URL without user info"));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError("url", "must be a URL"));
        }
    }

    private List<WebhookView> query(String sql, long applicationId, String name) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, applicationId);
            if (name != null) {
                statement.setString(2, name);
            }
            List<WebhookView> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp retryAt = rows.getTimestamp("retry_at");
                    result.add(new WebhookView(rows.getString("name"), rows.getString("kind"), rows.getString("url"), rows.getString("channel"),
                            rows.getString("chaincode"), rows.getString("event_name"), rows.getLong("next_block"), rows.getInt("done_in_block"),
                            rows.getInt("attempts"), retryAt == null ? null : retryAt.toInstant(), rows.getString("last_error"),
                            rows.getLong("delivered"), rows.getLong("dead_letters"), rows.getString("created_by"),
                            rows.getTimestamp("created_at").toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private int update(String sql, Object... parameters) {
        return update(dataSource, sql, parameters);
    }

    /** Runs one statement of fixed text with bound values; any failure is the database's. */
    static int update(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static DomainException notFound(String application, String name) {
        return DomainException.notFound("Application " + application + " has no webhook " + name + ".");
    }
}
