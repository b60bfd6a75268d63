package io.baas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Writes the {@link ApiError} body from Vert.x handlers that answer before JAX-RS sees the request
 * (limits, path checks), so those answers look like every other error of the API.
 */
@Singleton
public class RawErrors {

    private final ObjectMapper json;

    RawErrors(ObjectMapper json) {
        this.json = json;
    }

    /** Ends the exchange with the error; the connection closes when the request may not have been read whole. */
    public void send(RoutingContext context, ApiError error, boolean closeConnection) {
        if (context.response().headWritten()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError is always serializable", e);
        }
        context.response().setStatusCode(error.code()).putHeader("Content-Type", "application/json");
        if (closeConnection) {
            context.response().putHeader("Connection", "close");
        }
        context.response().end(body);
    }
}
