package io.baas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The failures any HTTP edge of the service meets (the console API's mappers and the open API's
 * server), each as its {@link ApiError}: one wording and one status for each, wherever it is answered.
 */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** The error a failure is answered with; anything unforeseen is a 500 with an incident id, its cause only in the log. */
    public static ApiError of(Throwable e) {
        if (e instanceof DomainException domain) {
            return ApiError.of(domain);
        }
        if (e instanceof io.baas.pki.InvalidNameException) {
            return new ApiError(400, "BadRequest", e.getMessage());
        }
        if (e instanceof io.baas.store.DatabaseUnavailableException) {
            LOG.warn(e.getMessage());
            return new ApiError(503, "ServiceUnavailable", "The database is unavailable; retry shortly.");
        }
        if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException kubernetes) {
            return kubernetes(kubernetes);
        }
        if (e instanceof io.baas.fabric.gateway.FabricGatewayException gateway) {
            return fabricGateway(gateway);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce("body", (a, b) -> b.startsWith("[") ? a + b : a + "." + b);
            return new ApiError(400, "BadRequest", "The request body does not have the expected shape.",
                    List.of(new FieldError(field, "has the wrong type or is missing")));
        }
        if (e instanceof JsonProcessingException) {
            return new ApiError(400, "MalformedJson", "The request body is not valid JSON.");
        }
        return internal(e);
    }

    /** A failure nobody foresaw: the client gets an id to quote, the log gets the cause; the body never carries internals. */
    public static ApiError internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return new ApiError(500, "InternalError", "An unexpected error occurred; incident " + incident + ".");
    }

    private static ApiError kubernetes(io.fabric8.kubernetes.client.KubernetesClientException e) {
        return switch (e.getCode()) {
            case 404 -> new ApiError(404, "NotFound", "No such resource.");
            case 409 -> new ApiError(409, "Conflict", "The resource was changed or already exists; retry.");
            case 422 -> new ApiError(422, "Invalid", "Kubernetes refused the object as invalid.");
            default -> {
                LOG.warnf("Kubernetes API failure (HTTP %d): %s", e.getCode(), e.getMessage());
                yield new ApiError(503, "ServiceUnavailable", "The Kubernetes API is unavailable; retry shortly.");
            }
        };
    }

    /** A transaction that did not go through: the peers' and orderer's own words, a status that says whether to retry. */
    private static ApiError fabricGateway(io.baas.fabric.gateway.FabricGatewayException e) {
        return switch (e.kind()) {
            case ENDORSEMENT_FAILED -> new ApiError(422, "EndorsementFailed", e.getMessage());
            case MVCC_CONFLICT -> new ApiError(409, "Conflict", e.getMessage() + "; what it read changed meanwhile: retry.");
            case INVALIDATED -> new ApiError(422, "TransactionInvalid", e.getMessage());
            case NOT_ORDERED -> new ApiError(502, "OrdererRefused", e.getMessage());
            case TIMEOUT -> new ApiError(504, "Timeout", e.getMessage());
            case UNAVAILABLE -> new ApiError(503, "PeerUnavailable", e.getMessage());
        };
    }
}
