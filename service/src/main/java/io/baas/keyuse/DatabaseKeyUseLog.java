package io.baas.keyuse;

import io.agroal.api.AgroalDataSource;
import io.baas.crd.Organization;
import io.baas.iam.access.CurrentRequest;
import io.baas.k8s.ClusterWatches;
import io.baas.store.RowInsert;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * The key-use log in PostgreSQL: each record committed (one autocommitted insert) before the key
 * is used, with the API request that caused it (none for a reconciler's own uses) and the workspace
 * that owns the organization at that moment.
 */
@ApplicationScoped
public class DatabaseKeyUseLog implements KeyUseLog {

    private static final Logger LOG = Logger.getLogger(DatabaseKeyUseLog.class);

    private static final RowInsert INSERT = RowInsert.into("key_use", "occurred_at", "organization", "identity", "action", "actor",
            "resource", "detail", "request_id", "workspace");

    private final Clock clock = Clock.systemUTC();
    private final ClusterWatches watches;
    private final AgroalDataSource dataSource;

    DatabaseKeyUseLog(ClusterWatches watches, AgroalDataSource dataSource) {
        this.watches = watches;
        this.dataSource = dataSource;
    }

    @Override
    public void record(KeyUse use) {
        OffsetDateTime occurredAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String workspace = workspaceOf(use.organization());
        try {
            INSERT.write(dataSource, occurredAt, use.organization(), clip(use.identity(), 255), use.action().label(), clip(use.actor(), 255),
                    clip(use.resource(), 512), use.detail() == null ? null : clip(use.detail(), 2048), currentRequestId(), workspace);
        } catch (RuntimeException e) {
            // Whatever went wrong (down, refused, a constraint), the use is not on record: it must not happen.
            throw new KeyUseNotRecordedException(use, e);
        }
    }

    /** The id of the API request under way on this thread, if any (reconcilers run outside requests). */
    private static String currentRequestId() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        return container.instance(CurrentRequest.class).get().id();
    }

    /**
     * Who owns the organization, as the service's watch last saw it (no API call per use); unknown
     * (null) rather than no record when the cluster cannot say.
     */
    private String workspaceOf(String organization) {
        try {
            Organization found = watches.organizations().get(organization).orElse(null);
            return found == null || found.getSpec() == null ? null : found.getSpec().workspace;
        } catch (RuntimeException e) {
            LOG.warnf("The workspace of organization %s is unknown for its key-use record: %s", organization, e.getMessage());
            return null;
        }
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
