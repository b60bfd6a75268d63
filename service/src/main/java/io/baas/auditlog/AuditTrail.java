package io.baas.auditlog;

import io.agroal.api.AgroalDataSource;
import io.baas.iam.permission.PermissionTable;
import io.baas.store.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the audit trail: the audit log of API calls and the key-use log, as one stream, newest
 * first. A report with filters that come and go, so it is plain SQL over JDBC, built from fixed
 * fragments with every value a parameter.
 */
@ApplicationScoped
public class AuditTrail {

    /** Both logs in one shape; key uses name their organization's workspace as recorded at the time. */
    private static final String ENTRIES = "SELECT 'Request' AS kind, id, occurred_at, username AS actor, verb AS action, path, "
            + "workspace, namespace, resource, subresource, name, status, source_ip, request_id, organization, "
            + "NULL AS identity, NULL AS detail FROM audit_log "
            + "UNION ALL SELECT 'KeyUse', id, occurred_at, actor, action, NULL, workspace, NULL, resource, NULL, NULL, NULL, NULL, "
            + "request_id, organization, identity, detail FROM key_use";

    private final AgroalDataSource dataSource;

    AuditTrail(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page of matching entries, and how many match in all. */
    public Page find(AuditQuery query) {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        String select = "SELECT * FROM (" + ENTRIES + ") e" + where + " ORDER BY occurred_at DESC, kind, id DESC LIMIT ? OFFSET ?";
        try (Connection connection = dataSource.getConnection()) {
            int total;
            try (PreparedStatement count = prepared(connection, "SELECT count(*) FROM (" + ENTRIES + ") e" + where, parameters);
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getInt(1);
            }
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(query.limit());
            paged.add((long) (query.page() - 1) * query.limit());
            List<AuditEntry> items = new ArrayList<>();
            try (PreparedStatement statement = prepared(connection, select, paged); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(entry(rows));
                }
            }
            return new Page(items, total);
        } catch (SQLException e) {
            // A statement of fixed text with bound values: any failure is the database's, not the caller's.
            throw new DatabaseUnavailableException(e);
        }
    }

    /** A page of entries and the number of all that match. */
    public record Page(List<AuditEntry> items, int totalItems) {
    }

    private static String where(AuditQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        query.workspace().ifPresent(w -> add(conditions, parameters, "workspace = ?", w));
        query.user().ifPresent(u -> add(conditions, parameters, "actor = ?", u));
        query.action().ifPresent(a -> add(conditions, parameters, "action = ?", a));
        query.organization().ifPresent(o -> add(conditions, parameters, "organization = ?", o));
        query.kind().ifPresent(k -> add(conditions, parameters, "kind = ?", k));
        query.start().ifPresent(s -> add(conditions, parameters, "occurred_at >= ?", Timestamp.from(s)));
        query.end().ifPresent(e -> add(conditions, parameters, "occurred_at < ?", Timestamp.from(e)));
        query.target().ifPresent(t -> {
            String pattern = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(coalesce(path, '') LIKE ? OR (kind = 'KeyUse' AND coalesce(resource, '') LIKE ?))");
            parameters.add(pattern);
            parameters.add(pattern);
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        conditions.add(condition);
        parameters.add(value);
    }

    private static PreparedStatement prepared(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        String kind = row.getString("kind");
        String time = row.getTimestamp("occurred_at").toInstant().toString();
        AuditEntry.User user = row.getString("actor") == null ? null : new AuditEntry.User(row.getString("actor"));
        String id = (kind.equals(AuditEntry.REQUEST) ? "request-" : "keyuse-") + row.getLong("id");
        if (kind.equals(AuditEntry.KEY_USE)) {
            return new AuditEntry(id, kind, time, user, row.getString("action"), null, List.of(), null, null,
                    row.getString("workspace"), row.getString("organization"), row.getString("request_id"),
                    new AuditEntry.KeyUse(row.getString("identity"), row.getString("resource"), row.getString("detail")));
        }
        String sourceIp = row.getString("source_ip");
        return new AuditEntry(id, kind, time, user, row.getString("action"), row.getString("path"),
                sourceIp == null ? List.of() : List.of(sourceIp),
                new AuditEntry.ObjectRef(PermissionTable.GROUP, row.getString("resource"), row.getString("subresource"),
                        row.getString("namespace"), row.getString("name")),
                new AuditEntry.ResponseStatus(row.getInt("status")), row.getString("workspace"), row.getString("organization"),
                row.getString("request_id"), null);
    }
}
