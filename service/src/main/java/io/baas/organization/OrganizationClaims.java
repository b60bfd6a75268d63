package io.baas.organization;

import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.store.DatabaseUnavailableException;
import io.baas.store.Db;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Makes organization names and MSP IDs unique cluster-wide, atomically: a create claims both in one
 * insert into {@code organization_claim} (primary key and unique constraint) before it makes any CA,
 * so of parallel creates exactly one goes on and the others get 409 without touching anything.
 *
 * <p>A process may die halfway. A claim is stale, and any create may take it over, when its
 * organization does not exist and its request is over: bound (the organization was made, then
 * deleted without its claim being released), or pending on this instance but no longer running here,
 * or pending on another instance for longer than the claim lease. Organizations made before claims
 * existed, or applied with kubectl, have none: the create still looks at the cluster after claiming.
 */
@ApplicationScoped
public class OrganizationClaims {

    private static final Logger LOG = Logger.getLogger(OrganizationClaims.class);
    /** Annotation on an Organization: the request id of its claim, so its deletion releases exactly that claim. */
    public static final String ANNOTATION = "baas.io/claim";
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String holder = UUID.randomUUID().toString();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();

    /** Far longer than a create takes; only for claims of another instance (baas.organizations.claim-lease). */
    private final Duration lease;

    OrganizationClaims(KubernetesClient client, BaasConfig config) {
        this.client = client;
        this.lease = config.organizations().claimLease();
    }

    /** Claims the name and the MSP ID for a create; 409 if another organization or create has either, 503 without a database. */
    public Claim claim(String workspace, String name, String mspId) {
        String requestId = UUID.randomUUID().toString();
        running.add(requestId);
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (insert(workspace, name, mspId, requestId)) {
                    return new Claim(name, requestId);
                }
                List<ClaimEntity> conflicting = database(() -> Db.read(
                        () -> ClaimEntity.<ClaimEntity>list("name = ?1 or mspId = ?2", name, mspId)));
                for (ClaimEntity other : conflicting) {
                    if (!stale(other)) {
                        throw conflict(other, name, mspId);
                    }
                }
                for (ClaimEntity other : conflicting) {
                    LOG.infof("Taking over the stale claim of organization %s (MSP ID %s, workspace %s, %s since %s).",
                            other.name, other.mspId, other.workspace, other.state, other.claimedAt);
                    deleteRequest(other.requestId);
                }
            }
            throw DomainException.conflict("Organization " + name + " or MSP ID " + mspId + " is being claimed by other requests; try again.");
        } catch (RuntimeException e) {
            running.remove(requestId);
            throw e;
        }
    }

    /** Whether this instance is running the request (tests; the claim's staleness rests on it). */
    boolean running(String requestId) {
        return running.contains(requestId);
    }

    String holder() {
        return holder;
    }

    /** Releases the claim of a deleted organization, if the API made it; later a stale claim would be taken over anyway. */
    public void releaseFor(Organization organization) {
        var annotations = organization.getMetadata().getAnnotations();
        String requestId = annotations == null ? null : annotations.get(ANNOTATION);
        if (requestId == null) {
            return; // applied with kubectl, or made before claims existed
        }
        try {
            deleteRequest(requestId);
        } catch (RuntimeException e) {
            LOG.warnf("The claim of deleted organization %s could not be released now (%s); a later create takes it over.",
                    organization.getMetadata().getName(), e.getMessage());
        }
    }

    private boolean stale(ClaimEntity claim) {
        // Running here is asked first: a create that is no longer running has made its organization
        // already (or failed), so the look for the organization that follows cannot miss it.
        boolean ours = holder.equals(claim.holder);
        if (ours && running.contains(claim.requestId)) {
            return false;
        }
        if (client.resources(Organization.class).withName(claim.name).get() != null) {
            return false;
        }
        if (ours || ClaimEntity.BOUND.equals(claim.state)) {
            return true;
        }
        return claim.claimedAt.toInstant().plus(lease).isBefore(clock.instant());
    }

    private static DomainException conflict(ClaimEntity other, String name, String mspId) {
        if (other.name.equals(name)) {
            return DomainException.conflict("An organization named " + name + " already exists.");
        }
        return DomainException.conflict("The MSP ID " + mspId + " is already used by another organization.");
    }

    private boolean insert(String workspace, String name, String mspId, String requestId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int inserted = database(() -> Db.inTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO organization_claim (name, msp_id, workspace, request_id, holder, state, claimed_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING")
                .setParameter(1, name).setParameter(2, mspId).setParameter(3, workspace).setParameter(4, requestId)
                .setParameter(5, holder).setParameter(6, ClaimEntity.PENDING).setParameter(7, now)
                .executeUpdate())));
        return inserted == 1;
    }

    private void deleteRequest(String requestId) {
        database(() -> Db.inTransaction(() -> ClaimEntity.delete("requestId", requestId)));
    }

    /** Whatever PostgreSQL answers with other than the rows asked for means it cannot be used now: 503. */
    private static <T> T database(Supplier<T> work) {
        try {
            return work.get();
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** One create's claim: bound once its organization exists, released if the create fails, closed in any case. */
    public final class Claim implements AutoCloseable {

        private final String name;
        private final String requestId;

        private Claim(String name, String requestId) {
            this.name = name;
            this.requestId = requestId;
        }

        public String requestId() {
            return requestId;
        }

        /** The organization exists: from now on its existence alone keeps the claim. */
        public void bind() {
            try {
                database(() -> Db.inTransaction(() -> ClaimEntity.update("state = ?1 where requestId = ?2", ClaimEntity.BOUND, requestId)));
            } catch (RuntimeException e) {
                LOG.warnf("The claim of organization %s stays pending (%s); the organization's existence keeps it.", name, e.getMessage());
            }
        }

        /** The create failed: the name and MSP ID are free again. Should this fail, the claim is stale once closed. */
        public void release() {
            try {
                deleteRequest(requestId);
            } catch (RuntimeException e) {
                LOG.warnf("The claim of organization %s could not be released (%s); it is stale and will be taken over.", name, e.getMessage());
            }
        }

        @Override
        public void close() {
            running.remove(requestId);
        }
    }
}
