package io.baas.auditlog;

import java.time.Instant;
import java.util.Optional;

/**
 * What to look for in the audit trail; every filter is optional.
 *
 * @param workspace only entries of this workspace; empty: all (platform admins)
 * @param action a request's verb or a key use's action
 * @param target a part of the request's path, or of the key use's cause
 * @param start entries at or after this instant
 * @param end entries before this instant
 * @param page 1-based
 */
public record AuditQuery(Optional<String> workspace, Optional<String> user, Optional<String> action, Optional<String> target,
                         Optional<String> organization, Optional<String> kind, Optional<Instant> start, Optional<Instant> end,
                         int page, int limit) {
}
