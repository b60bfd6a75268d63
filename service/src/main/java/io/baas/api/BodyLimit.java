package io.baas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.config.BaasConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers oversized bodies with the JSON error model. Vert.x enforces
 * {@code quarkus.http.limits.max-body-size} itself with a bare 413; a declared Content-Length is
 * refused here before any byte is read, and a streamed body that overflows gets the same JSON.
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    private final String body;

    BodyLimit(BaasConfig config, ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = config.api().maxBodyBytes();
        this.body = json.writeValueAsString(new ApiError(413, "RequestEntityTooLarge",
                "The request body is larger than the limit of " + maxBytes + " bytes."));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::renderOverflow);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && declaredTooLarge(length)) {
            refuse(context);
            return;
        }
        context.next();
    }

    private void renderOverflow(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            refuse(context);
            return;
        }
        context.next();
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void refuse(RoutingContext context) {
        context.response().setStatusCode(413)
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(body);
    }
}
