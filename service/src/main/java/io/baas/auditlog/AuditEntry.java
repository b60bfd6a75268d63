package io.baas.auditlog;

import java.util.List;

/**
 * One entry of the audit trail: an API call (kind {@code Request}) or a use of a held key (kind
 * {@code KeyUse}). Field names follow the Kubernetes audit events KubeSphere shows (auditID,
 * requestReceivedTimestamp, user.username, verb, requestURI, sourceIPs, objectRef, responseStatus)
 * where they apply, with what BaaS adds: workspace, organization, the request id the answer
 * carried, and the key use.
 *
 * @param verb for a request, the Kubernetes verb (create, delete, ...); for a key use, its action (export-identity, join-peer, ...)
 */
public record AuditEntry(String auditID, String kind, String requestReceivedTimestamp, User user, String verb, String requestURI,
                         List<String> sourceIPs, ObjectRef objectRef, ResponseStatus responseStatus, String workspace,
                         String organization, String requestID, KeyUse keyUse) {

    public static final String REQUEST = "Request";
    public static final String KEY_USE = "KeyUse";

    public record User(String username) {
    }

    public record ObjectRef(String apiGroup, String resource, String subresource, String namespace, String name) {
    }

    public record ResponseStatus(int code) {
    }

    /**
     * @param identity whose key (organization's identity name)
     * @param cause what caused it: the API route, or the resource a reconciler acted on
     */
    public record KeyUse(String identity, String cause, String detail) {
    }
}
