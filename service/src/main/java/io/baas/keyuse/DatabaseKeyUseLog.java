package io.baas.keyuse;

import io.baas.crd.Organization;
import io.baas.iam.access.CurrentRequest;
import io.baas.store.Db;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * The key-use log in PostgreSQL: each record committed in its own transaction before the key is
 * used, with the API request that caused it (none for a reconciler's own uses) and the workspace
 * that owns the organization at that moment.
 */
@ApplicationScoped
public class DatabaseKeyUseLog implements KeyUseLog {

    private static final Logger LOG = Logger.getLogger(DatabaseKeyUseLog.class);

    private final Clock clock = Clock.systemUTC();
    private final KubernetesClient client;

    DatabaseKeyUseLog(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void record(KeyUse use) {
        KeyUseRecord record = new KeyUseRecord();
        record.occurredAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        record.organization = use.organization();
        record.identity = clip(use.identity(), 255);
        record.action = use.action().label();
        record.actor = clip(use.actor(), 255);
        record.resource = clip(use.resource(), 512);
        record.detail = use.detail() == null ? null : clip(use.detail(), 2048);
        record.requestId = currentRequestId();
        record.workspace = workspaceOf(use.organization());
        try {
            Db.inTransaction(record::persist);
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

    /** Who owns the organization now; unknown (null) rather than no record when the cluster cannot say. */
    private String workspaceOf(String organization) {
        try {
            Organization found = client.resources(Organization.class).withName(organization).get();
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
