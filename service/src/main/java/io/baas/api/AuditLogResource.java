package io.baas.api;

import io.baas.auditlog.AuditEntry;
import io.baas.auditlog.AuditQuery;
import io.baas.auditlog.AuditTrail;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.k8s.DnsLabel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The audit trail: every mutating call and every use of a held key, newest first. A workspace's
 * members read their workspace's; platform admins read everything.
 */
@Path(ConsortiumResource.BASE)
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;

    AuditLogResource(AuditTrail trail) {
        this.trail = trail;
    }

    /** The filters, as query parameters. */
    public static class Filters {
        @QueryParam("user")
        String user;
        @QueryParam("action")
        String action;
        @QueryParam("target")
        String target;
        @QueryParam("organization")
        String organization;
        @QueryParam("kind")
        String kind;
        @QueryParam("start")
        String start;
        @QueryParam("end")
        String end;
        @QueryParam("page")
        String page;
        @QueryParam("limit")
        String limit;
    }

    @GET
    @Path("/auditlogs")
    @Operation(summary = "Every audited call and key use of the platform (platform admins)",
            description = "Filters: user, action (a verb such as create, or a key use such as export-identity), target (part of the path"
                    + " or of a key use's cause), organization, kind (Request or KeyUse), start and end (ISO-8601 instants),"
                    + " page (1-based) and limit (default 100, at most 1000).")
    public ListResult<AuditEntry> listAll(@jakarta.ws.rs.BeanParam Filters filters) {
        return find(Optional.empty(), filters);
    }

    @GET
    @Path("/workspaces/{workspace}/auditlogs")
    @Operation(summary = "The workspace's audited calls and the uses of its organizations' held keys",
            description = "Filters as for /auditlogs.")
    public ListResult<AuditEntry> list(@PathParam("workspace") @DnsLabel String workspace, @jakarta.ws.rs.BeanParam Filters filters) {
        return find(Optional.of(workspace), filters);
    }

    private ListResult<AuditEntry> find(Optional<String> workspace, Filters filters) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Instant> start = instant("start", filters.start, errors);
        Optional<Instant> end = instant("end", filters.end, errors);
        int page = number("page", filters.page, 1, Integer.MAX_VALUE, 1, errors);
        int limit = number("limit", filters.limit, 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        Optional<String> kind = text(filters.kind);
        if (kind.isPresent() && !kind.get().equals(AuditEntry.REQUEST) && !kind.get().equals(AuditEntry.KEY_USE)) {
            errors.add(new FieldError("kind", "must be Request or KeyUse"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The audit log filters are invalid.", errors);
        }
        AuditTrail.Page found = trail.find(new AuditQuery(workspace, text(filters.user), text(filters.action), text(filters.target),
                text(filters.organization), kind, start, end, page, limit));
        return new ListResult<>(found.items(), found.totalItems());
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-12-03T10:15:30Z"));
            return Optional.empty();
        }
    }

    private static int number(String name, String value, int min, int max, int fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
