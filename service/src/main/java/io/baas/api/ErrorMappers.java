package io.baas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@link ApiError}; nothing else reaches a client. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return respond(ApiError.of(e));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException rejected) { // a TokenRejectedException, wrapped by Quarkus security
                return respond(ApiError.of(rejected));
            }
        }
        return respond(new ApiError(401, "Unauthorized", "The bearer token could not be verified."));
    }

    @ServerExceptionMapper
    public Response invalidName(io.baas.pki.InvalidNameException e) {
        return respond(ApiErrors.of(e));
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(io.baas.store.DatabaseUnavailableException e) {
        return respond(ApiErrors.of(e));
    }

    @ServerExceptionMapper
    public Response kubernetes(io.fabric8.kubernetes.client.KubernetesClientException e) {
        return respond(ApiErrors.of(e));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> fields = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(new ApiError(400, "BadRequest", "The request has invalid fields.", fields));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return respond(ApiErrors.of(e));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(ApiErrors.of(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? mismatchedInput(mismatch) : malformedJson(json);
        }
        String reason = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : camelCase(Response.Status.fromStatusCode(status).getReasonPhrase());
        return respond(new ApiError(status, reason, messageFor(status, e)));
    }

    @ServerExceptionMapper
    public Response fabricGateway(io.baas.fabric.gateway.FabricGatewayException e) {
        return respond(ApiErrors.of(e));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return internal(e);
    }

    private static Response internal(Throwable e) {
        return respond(ApiErrors.internal(e));
    }

    static Response respond(ApiError error) {
        Response.ResponseBuilder builder = Response.status(error.code()).type(MediaType.APPLICATION_JSON_TYPE).entity(error);
        if (error.code() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    private static String messageFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "The method is not allowed on this resource.";
            case 406 -> "The requested media type cannot be produced.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request media type is not supported.";
            default -> "The request could not be processed.";
        };
    }

    /** {@code ws} for a parameter, {@code body.spec.name} for a field inside a body parameter. */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new java.util.ArrayList<>();
        boolean bodyParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> names.add(node.getName());
                case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    bodyParameter = true;
                    if (node.getName() != null) {
                        names.add(node.getName());
                    }
                }
                default -> { }
            }
        }
        if (bodyParameter && !names.isEmpty()) {
            names.set(0, "body");
        }
        return names.isEmpty() ? "request" : String.join(".", names);
    }

    private static String camelCase(String phrase) {
        StringBuilder out = new StringBuilder();
        for (String word : phrase.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase());
            }
        }
        return out.toString();
    }
}
