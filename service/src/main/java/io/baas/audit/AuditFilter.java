package io.baas.audit;

import io.agroal.api.AgroalDataSource;
import io.baas.api.ApiError;
import io.baas.consortium.NamespaceOwners;
import io.baas.iam.permission.PermissionTable;
import io.baas.iam.access.CurrentCaller;
import io.baas.iam.access.CurrentRequest;
import io.baas.iam.access.KapisSecurityFilter;
import io.baas.iam.rbac.RequestAttributes;
import io.baas.iam.rbac.RequestAttributesResolver;
import io.baas.store.RowInsert;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes every mutating call on {@code /kapis/baas.io/}, and every call of a sensitive route (key
 * exports), to the audit log once its answer is known: allowed or refused, succeeded or failed.
 * Sensitive routes also put their key use on record before answering (key_use, written by the
 * service method), and are answered 503 when their audit record here cannot be written either.
 */
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final RowInsert INSERT = RowInsert.into("audit_log", "occurred_at", "username", "verb", "method", "path", "scope",
            "workspace", "namespace", "resource", "subresource", "name", "status", "source_ip", "request_id", "organization");

    private final CurrentCaller caller;
    private final CurrentRequest currentRequest;
    private final NamespaceOwners owners;
    private final AgroalDataSource dataSource;

    AuditFilter(CurrentCaller caller, CurrentRequest currentRequest, NamespaceOwners owners, AgroalDataSource dataSource) {
        this.caller = caller;
        this.currentRequest = currentRequest;
        this.owners = owners;
        this.dataSource = dataSource;
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String rawPath;
        try {
            rawPath = KapisSecurityFilter.gatedPath(request);
        } catch (io.baas.error.DomainException refused) {
            return Uni.createFrom().voidItem(); // refused before anything was authorized or done
        }
        if (rawPath == null) {
            return Uni.createFrom().voidItem();
        }
        // Every answer names its request, so a caller can quote it and the audit log finds it.
        response.getHeaders().putSingle(CurrentRequest.HEADER, currentRequest.id());
        RequestAttributes attributes = RequestAttributesResolver.resolve(request.getMethod(), rawPath,
                request.getUriInfo().getQueryParameters());
        boolean sensitive = PermissionTable.isSensitive(request.getMethod(), attributes.scope(), attributes.qualifiedResource());
        if (!MUTATING.contains(request.getMethod()) && !sensitive) {
            return Uni.createFrom().voidItem();
        }
        AuditRecord record = record(request, attributes, response.getStatus(), rawPath, http);
        if (!Context.isOnEventLoopThread()) {
            // A blocking resource method answered: its filters run on a worker thread, which may block
            // on one autocommitted insert (no ORM session, no BEGIN and COMMIT round trips).
            try {
                INSERT.write(dataSource, record.occurredAt, record.username, record.verb, record.method, record.path, record.scope,
                        record.workspace, record.namespace, record.resource, record.subresource, record.name, record.status,
                        record.sourceIp, record.requestId, record.organization);
            } catch (RuntimeException e) {
                logFailure(record, e);
                refuseUnaudited(sensitive, response);
            }
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(record::persist)
                .replaceWithVoid()
                .onFailure().invoke(e -> {
                    logFailure(record, e);
                    refuseUnaudited(sensitive, response);
                })
                .onFailure().recoverWithNull();
    }

    /**
     * A sensitive route (a key export) whose audit record cannot be written fails closed: its answer,
     * not yet written, is replaced by a 503 so no key leaves unaudited. Other calls fail open.
     */
    private static void refuseUnaudited(boolean sensitive, ContainerResponseContext response) {
        if (!sensitive) {
            return;
        }
        ApiError error = new ApiError(503, "ServiceUnavailable", "The audit log is unavailable; retry shortly.");
        response.getHeaders().remove("Content-Disposition");
        response.setEntity(error, null, jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
        response.setStatus(503);
    }

    private static void logFailure(AuditRecord record, Throwable e) {
        LOG.errorf("Could not write the audit record of %s %s by %s (status %d): %s",
                record.method, record.path, record.username, record.status, e.getMessage());
    }

    private AuditRecord record(ContainerRequestContext request, RequestAttributes attributes, int status, String rawPath,
                               HttpServerRequest http) {
        AuditRecord record = new AuditRecord();
        record.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        record.username = caller.find().map(c -> c.username()).orElse(null);
        record.verb = attributes.verb();
        record.method = request.getMethod();
        record.path = clip(rawPath, 2048);
        record.scope = attributes.scope().kubesphereName();
        record.workspace = clip(attributes.workspace(), 255);
        record.namespace = clip(attributes.namespace(), 255);
        record.resource = clip(attributes.resource(), 255);
        record.subresource = clip(attributes.subresource(), 255);
        record.name = clip(attributes.name(), 255);
        record.status = status;
        record.sourceIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        record.requestId = currentRequest.id();
        record.organization = "organizations".equals(attributes.resource()) ? clip(attributes.name(), 63) : null;
        if (record.namespace != null && !Context.isOnEventLoopThread()) {
            // A consortium namespace is its organization's, in its workspace: the record shows in that workspace's trail.
            // (On the event loop, where a request refused before any resource method answers, the cluster is not asked.)
            try {
                owners.recent(record.namespace).ifPresent(owner -> {
                    record.workspace = owner.workspace();
                    record.organization = owner.organization();
                });
            } catch (RuntimeException e) {
                LOG.debugf("The owner of namespace %s is unknown for the audit record: %s", record.namespace, e.getMessage());
            }
        }
        return record;
    }

    /** Paths may carry anything a client sends; the log keeps a bounded, possibly shortened copy. */
    private static String clip(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return value.length() > max ? value.substring(0, max) : value;
    }
}
