package io.baas.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.baas.config.BaasConfig;
import io.baas.consortium.NamespaceOwners;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.ExistingObjectException;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import io.baas.k8s.Names;
import io.baas.store.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Applications of the open API, each an organization's own in the namespace it has in a consortium,
 * and their access keys: at most two enabled at once (one to rotate to), the secret shown once and
 * kept sealed ({@link SecretBox}). Every lookup is by namespace and name together, never by name alone.
 */
@ApplicationScoped
public class Applications {

    /** Enabled keys an application may hold at once: the one in use and the one replacing it. */
    public static final int MAX_ENABLED_KEYS = 2;
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final TypeReference<List<ApplicationScope>> SCOPES = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final NamespaceOwners owners;
    private final SecretBox box;
    private final ObjectMapper json;
    private final BaasConfig.OpenApi limits;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final java.util.concurrent.ConcurrentHashMap<String, Held> held = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long HOLDER_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private static final long TOUCH_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private final java.util.concurrent.ConcurrentHashMap<String, Long> touched = new java.util.concurrent.ConcurrentHashMap<>();

    Applications(AgroalDataSource dataSource, NamespaceOwners owners, SecretBox box, ObjectMapper json, BaasConfig config) {
        this.dataSource = dataSource;
        this.owners = owners;
        this.box = box;
        this.json = json;
        this.limits = config.openApi();
    }

    /** The name an application acts under; no KubeSphere user name holds a ':'. */
    static String principal(String namespace, String name, long id) {
        return "application:" + namespace + ":" + name + ":" + id;
    }

    /**
     * The UID of the consortium that holds the namespace now, or none: applications are the
     * namespace's only while the consortium that held it at their creation still does.
     */
    private String holder(String namespace) {
        return owners.of(namespace).map(owner -> owner.consortium().getMetadata().getUid()).orElse("");
    }

    /** Whether the application's namespace is still held by the consortium it was made in (read at most every few seconds). */
    public boolean stillHeld(SignedApplication application) {
        return stillHeld(application.namespace(), application.consortiumUid());
    }

    private boolean stillHeld(String namespace, String consortiumUid) {
        long now = System.nanoTime();
        Held cached = held.get(namespace);
        if (cached == null || now - cached.readAt() > HOLDER_TTL_NANOS) {
            cached = new Held(holder(namespace), now);
            held.put(namespace, cached);
        }
        return cached.consortiumUid().equals(consortiumUid);
    }

    /**
     * What signs an application's webhook deliveries: its principal and the secrets of its enabled
     * keys (each key's signature goes with a delivery, so a receiver may rotate too). Empty when the
     * application is gone or its namespace is no longer held by the consortium it was made in.
     */
    public Optional<DeliverySigner> deliverySigner(long applicationId) {
        return withConnection(connection -> {
            String namespace;
            String name;
            String consortiumUid;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT namespace, name, consortium_uid FROM application WHERE id = ?")) {
                statement.setLong(1, applicationId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<DeliverySigner>empty();
                    }
                    namespace = rows.getString(1);
                    name = rows.getString(2);
                    consortiumUid = rows.getString(3);
                }
            }
            java.util.Map<String, byte[]> secrets = new java.util.TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT access_key_id, sealed_secret FROM application_key WHERE application_id = ? AND enabled")) {
                statement.setLong(1, applicationId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        secrets.put(rows.getString(1), box.open(rows.getString(1), rows.getBytes(2)));
                    }
                }
            }
            return Optional.of(new DeliverySigner(applicationId, namespace, name, consortiumUid, secrets));
        }).filter(signer -> stillHeld(signer.namespace(), signer.consortiumUid()));
    }

    /** An application as its webhook deliveries need it: who it acts as, and its enabled keys' secrets by access key ID. */
    public record DeliverySigner(long id, String namespace, String name, String consortiumUid, java.util.Map<String, byte[]> secrets) {

        public String principal() {
            return Applications.principal(namespace, name, id);
        }

        @Override
        public String toString() {
            return "DeliverySigner[" + namespace + "/" + name + ", keys " + secrets.keySet() + "]";
        }
    }

    /** The application's id and scopes, for a webhook made for it; 404 as for any read. */
    public ApplicationRef reference(String namespace, String name) {
        String holder = holder(namespace);
        return withConnection(connection -> {
            long id = applicationId(connection, namespace, name, holder, false);
            try (PreparedStatement statement = connection.prepareStatement("SELECT scopes FROM application WHERE id = ?")) {
                statement.setLong(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return new ApplicationRef(id, namespace, name, read(rows.getString(1)));
                }
            }
        });
    }

    /** An application named by a request, found under its namespace's current holder. */
    public record ApplicationRef(long id, String namespace, String name, List<ApplicationScope> scopes) {

        public boolean coversChannel(String channel) {
            return scopes.stream().anyMatch(s -> s.channel().equals(channel));
        }

        /** Does some scope name the chaincode (or the built-in app of that name) on the channel? */
        public boolean coversChaincode(String channel, String chaincode) {
            return scopes.stream().anyMatch(s -> s.channel().equals(channel) && (chaincode.equals(s.chaincode()) || chaincode.equals(s.app())));
        }
    }

    private record Held(String consortiumUid, long readAt) {
    }

    public List<ApplicationView> list(String namespace) {
        String holder = holder(namespace);
        return withConnection(connection -> {
            List<ApplicationView> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM application WHERE namespace = ? AND consortium_uid = ? ORDER BY name")) {
                statement.setString(1, namespace);
                statement.setString(2, holder);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(view(connection, rows));
                    }
                }
            }
            return result;
        });
    }

    public ApplicationView get(String namespace, String name) {
        String holder = holder(namespace);
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM application WHERE namespace = ? AND name = ? AND consortium_uid = ?")) {
                statement.setString(1, namespace);
                statement.setString(2, name);
                statement.setString(3, holder);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw notFound(namespace, name);
                    }
                    return view(connection, rows);
                }
            }
        });
    }

    /** Creates the application for the namespace's organization; a name in use is a 409 with the one that exists. */
    public ApplicationView create(String namespace, NewApplication request, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (!Names.isDnsLabel(request.name())) {
            errors.add(new FieldError("name", "must be a DNS-1123 label"));
        }
        checkDescription(request.description(), errors);
        errors.addAll(ApplicationScope.problems(request.scopes()));
        RateLimit rate = rateOrDefault(request.rateLimit(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The application is invalid.", errors);
        }
        NamespaceOwners.Owner owner = owners.require(namespace);
        String holder = owner.consortium().getMetadata().getUid();
        try {
            inTransaction(connection -> {
                // What an earlier holder of the namespace's name left is no one's now.
                try (PreparedStatement orphans = connection.prepareStatement(
                        "DELETE FROM application WHERE namespace = ? AND consortium_uid <> ?")) {
                    orphans.setString(1, namespace);
                    orphans.setString(2, holder);
                    orphans.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO application (namespace, name, organization, "
                        + "consortium_uid, description, scopes, created_by, created_at, requests_per_second, burst) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, namespace);
                    insert.setString(2, request.name());
                    insert.setString(3, owner.organization());
                    insert.setString(4, holder);
                    insert.setString(5, request.description() == null ? "" : request.description());
                    insert.setString(6, write(request.scopes()));
                    insert.setString(7, caller.username());
                    insert.setTimestamp(8, Timestamp.from(clock.instant()));
                    insert.setDouble(9, rate.requestsPerSecond());
                    insert.setInt(10, rate.burst());
                    return insert.executeUpdate();
                }
            });
        } catch (DomainException e) {
            if (e.reason().equals("UniqueViolation")) {
                throw new ExistingObjectException("AlreadyExists", "Application " + request.name() + " exists in namespace " + namespace + ".",
                        get(namespace, request.name()));
            }
            throw e;
        }
        return get(namespace, request.name());
    }

    public ApplicationView update(String namespace, String name, ApplicationChange change) {
        List<FieldError> errors = new ArrayList<>();
        checkDescription(change.description(), errors);
        if (change.scopes() != null) {
            errors.addAll(ApplicationScope.problems(change.scopes()));
        }
        RateLimit rate = change.rateLimit() == null ? null : rateOrDefault(change.rateLimit(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The change is invalid.", errors);
        }
        String holder = holder(namespace);
        int updated = withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE application SET description = coalesce(?, description), "
                    + "scopes = coalesce(?, scopes), requests_per_second = coalesce(?, requests_per_second), burst = coalesce(?, burst) "
                    + "WHERE namespace = ? AND name = ? AND consortium_uid = ?")) {
                statement.setString(1, change.description());
                statement.setString(2, change.scopes() == null ? null : write(change.scopes()));
                statement.setObject(3, rate == null ? null : rate.requestsPerSecond(), java.sql.Types.DOUBLE);
                statement.setObject(4, rate == null ? null : rate.burst(), java.sql.Types.INTEGER);
                statement.setString(5, namespace);
                statement.setString(6, name);
                statement.setString(7, holder);
                return statement.executeUpdate();
            }
        });
        if (updated == 0) {
            throw notFound(namespace, name);
        }
        return get(namespace, name);
    }

    /** Deletes the application and its keys: their next request is refused like any unknown key's. */
    public void delete(String namespace, String name) {
        String holder = holder(namespace);
        int deleted = withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM application WHERE namespace = ? AND name = ? AND consortium_uid = ?")) {
                statement.setString(1, namespace);
                statement.setString(2, name);
                statement.setString(3, holder);
                return statement.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw notFound(namespace, name);
        }
    }

    /**
     * A new enabled key; refused (409 TooManyKeys) when two are enabled already. The application's
     * row is locked for the count, so two creations at once cannot both pass it.
     */
    public CreatedAccessKey createKey(String namespace, String name, Caller caller) {
        String accessKeyId = "KSB" + randomText(17);
        byte[] secretBytes = new byte[30];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] sealed = box.seal(accessKeyId, secret.getBytes(StandardCharsets.UTF_8));
        Instant now = clock.instant();
        String holder = holder(namespace);
        inTransaction(connection -> {
            long id = applicationId(connection, namespace, name, holder, true);
            requireRoomForEnabledKey(connection, id);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO application_key (access_key_id, application_id, "
                    + "sealed_secret, enabled, created_by, created_at) VALUES (?, ?, ?, true, ?, ?)")) {
                insert.setString(1, accessKeyId);
                insert.setLong(2, id);
                insert.setBytes(3, sealed);
                insert.setString(4, caller.username());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
            }
            return null;
        });
        return new CreatedAccessKey(accessKeyId, secret, true, caller.username(), now);
    }

    /** Disables or re-enables a key of the application; re-enabling counts against the two enabled keys. */
    public AccessKeyView changeKey(String namespace, String name, String accessKeyId, KeyChange change) {
        if (change.enabled() == null) {
            throw DomainException.invalid("Say whether the key is enabled.", List.of(new FieldError("enabled", "must be true or false")));
        }
        String holder = holder(namespace);
        inTransaction(connection -> {
            long id = applicationId(connection, namespace, name, holder, true);
            boolean enabled = keyEnabled(connection, id, accessKeyId);
            if (change.enabled() && !enabled) {
                requireRoomForEnabledKey(connection, id);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE application_key SET enabled = ? WHERE access_key_id = ? AND application_id = ?")) {
                statement.setBoolean(1, change.enabled());
                statement.setString(2, accessKeyId);
                statement.setLong(3, id);
                statement.executeUpdate();
            }
            return null;
        });
        return get(namespace, name).keys().stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst().orElseThrow();
    }

    public void deleteKey(String namespace, String name, String accessKeyId) {
        String holder = holder(namespace);
        inTransaction(connection -> {
            long id = applicationId(connection, namespace, name, holder, true);
            keyEnabled(connection, id, accessKeyId);
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM application_key WHERE access_key_id = ? AND application_id = ?")) {
                statement.setString(1, accessKeyId);
                statement.setLong(2, id);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** The key and its application, the secret opened, for checking a signed request; empty for a key that does not exist. */
    public Optional<SignedApplication> signing(String accessKeyId) {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT a.id, a.namespace, a.name, a.organization, a.consortium_uid, a.scopes, a.requests_per_second, a.burst, "
                    + "k.enabled, k.sealed_secret FROM application_key k JOIN application a ON a.id = k.application_id "
                    + "WHERE k.access_key_id = ?")) {
                statement.setString(1, accessKeyId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SignedApplication(rows.getLong("id"), rows.getString("namespace"), rows.getString("name"),
                            rows.getString("organization"), rows.getString("consortium_uid"), read(rows.getString("scopes")),
                            rows.getDouble("requests_per_second"), rows.getInt("burst"), accessKeyId,
                            rows.getBoolean("enabled"),
                            box.open(accessKeyId, rows.getBytes("sealed_secret"))));
                }
            }
        });
    }

    /**
     * Notes a key's use; written at most once a minute per key, which is as precise as "last used"
     * needs: this replica skips the statement within a minute of its own last write, so a busy key
     * costs no round trip per call.
     */
    public void touch(String accessKeyId) {
        long now = System.nanoTime();
        Long last = touched.get(accessKeyId);
        if (last != null && now - last < TOUCH_EVERY_NANOS) {
            return;
        }
        if (touched.size() > 100_000) {
            touched.clear();
        }
        touched.put(accessKeyId, now);
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE application_key SET last_used_at = now() "
                    + "WHERE access_key_id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")) {
                statement.setString(1, accessKeyId);
                return statement.executeUpdate();
            }
        });
    }

    private ApplicationView view(Connection connection, ResultSet row) throws SQLException {
        long id = row.getLong("id");
        List<AccessKeyView> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT access_key_id, enabled, created_by, created_at, last_used_at "
                + "FROM application_key WHERE application_id = ? ORDER BY created_at, access_key_id")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp lastUsed = rows.getTimestamp("last_used_at");
                    keys.add(new AccessKeyView(rows.getString("access_key_id"), rows.getBoolean("enabled"), rows.getString("created_by"),
                            rows.getTimestamp("created_at").toInstant(), lastUsed == null ? null : lastUsed.toInstant()));
                }
            }
        }
        String namespace = row.getString("namespace");
        String name = row.getString("name");
        return new ApplicationView(name, namespace, row.getString("organization"), row.getString("description"),
                read(row.getString("scopes")), new RateLimit(row.getDouble("requests_per_second"), row.getInt("burst")),
                principal(namespace, name, id), row.getString("created_by"),
                row.getTimestamp("created_at").toInstant(), keys);
    }

    /** The id of the namespace's application of that name, made under the current holder; with {@code lock}, its row locked. */
    private static long applicationId(Connection connection, String namespace, String name, String holder, boolean lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM application WHERE namespace = ? AND name = ? AND consortium_uid = ?" + (lock ? " FOR UPDATE" : ""))) {
            statement.setString(1, namespace);
            statement.setString(2, name);
            statement.setString(3, holder);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(namespace, name);
                }
                return rows.getLong(1);
            }
        }
    }

    /** Whether the application's key is enabled; 404 when the application has no such key. */
    private static boolean keyEnabled(Connection connection, long applicationId, String accessKeyId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT enabled FROM application_key WHERE access_key_id = ? AND application_id = ?")) {
            statement.setString(1, accessKeyId);
            statement.setLong(2, applicationId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw DomainException.notFound("The application has no access key " + accessKeyId + ".");
                }
                return rows.getBoolean(1);
            }
        }
    }

    private static void requireRoomForEnabledKey(Connection connection, long applicationId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM application_key WHERE application_id = ? AND enabled")) {
            statement.setLong(1, applicationId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= MAX_ENABLED_KEYS) {
                    throw new DomainException(ErrorKind.CONFLICT, "TooManyKeys", "An application holds at most " + MAX_ENABLED_KEYS
                            + " enabled keys; disable or delete one first.");
                }
            }
        }
    }

    /**
     * The application's calls per UTC day over the last {@code days} days, newest first: from the
     * open API's call log, by the application's id (a deleted one's calls are not a new one's).
     */
    public List<DailyUsage> usage(String namespace, String name, int days) {
        long id = idOf(namespace, name);
        return withConnection(connection -> {
            List<DailyUsage> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, "
                    + "count(*) AS calls, count(*) FILTER (WHERE status BETWEEN 200 AND 299) AS succeeded, "
                    + "count(*) FILTER (WHERE status = 429) AS limited FROM open_api_call "
                    + "WHERE application_id = ? AND occurred_at >= (now() AT TIME ZONE 'UTC')::date - ? "
                    + "GROUP BY 1 ORDER BY 1 DESC")) {
                statement.setLong(1, id);
                statement.setInt(2, days - 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new DailyUsage(rows.getObject("day", java.time.LocalDate.class), rows.getLong("calls"),
                                rows.getLong("succeeded"), rows.getLong("limited")));
                    }
                }
            }
            return result;
        });
    }

    private long idOf(String namespace, String name) {
        String holder = holder(namespace);
        return withConnection(connection -> applicationId(connection, namespace, name, holder, false));
    }

    /** The rate limit asked for, defaults filling what it leaves out; out of the platform's bounds is a field error. */
    private RateLimit rateOrDefault(RateLimit asked, List<FieldError> errors) {
        double rate = asked == null || asked.requestsPerSecond() == null ? limits.defaultRequestsPerSecond() : asked.requestsPerSecond();
        int burst = asked == null || asked.burst() == null ? Math.max(limits.defaultBurst(), (int) Math.ceil(rate)) : asked.burst();
        if (!(rate >= 0.01 && rate <= limits.maxRequestsPerSecond())) {
            errors.add(new FieldError("rateLimit.requestsPerSecond", "must be from 0.01 to " + limits.maxRequestsPerSecond()));
        }
        if (burst < 1 || burst > limits.maxBurst()) {
            errors.add(new FieldError("rateLimit.burst", "must be from 1 to " + limits.maxBurst()));
        }
        return new RateLimit(rate, burst);
    }

    private static void checkDescription(String description, List<FieldError> errors) {
        if (description != null && description.length() > 1024) {
            errors.add(new FieldError("description", "must be at most 1024 characters"));
        }
    }

    private static DomainException notFound(String namespace, String name) {
        return DomainException.notFound("Namespace " + namespace + " has no application " + name + ".");
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return text.toString();
    }

    private String write(List<ApplicationScope> scopes) {
        try {
            return json.writeValueAsString(scopes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ApplicationScope> read(String scopes) {
        try {
            return json.readValue(scopes, SCOPES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored scopes do not parse: " + e.getOriginalMessage(), e);
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    /** A unique name taken is the caller's conflict; any other failure of these fixed statements is the database's. */
    private static RuntimeException translated(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return new DomainException(ErrorKind.CONFLICT, "UniqueViolation", "Already exists.");
        }
        return new DatabaseUnavailableException(e);
    }
}
