package io.baas.api;

import io.baas.config.BaasConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Answers oversized bodies with the JSON error model. Vert.x and RESTEasy enforce
 * {@code quarkus.http.limits.max-body-size} themselves with a bare 413; so a declared
 * Content-Length is refused here before any byte is read, and a body streamed without one (chunked)
 * on the API is read here, up to the limit, before the resource sees it: one byte more fails the
 * request with 413, which the failure handler renders.
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    private final RawErrors errors;
    private final BodyHandler streamedBodies;

    BodyLimit(BaasConfig config, RawErrors errors) {
        this.maxBytes = config.api().maxBodyBytes();
        this.errors = errors;
        this.streamedBodies = BodyHandler.create(false).setBodyLimit(maxBytes);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::checkDeclaredLength);
        router.route("/kapis/*").order(Integer.MIN_VALUE + 2).handler(this::readStreamedBody);
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

    private void readStreamedBody(RoutingContext context) {
        if (context.request().getHeader("Content-Length") == null && context.request().getHeader("Transfer-Encoding") != null) {
            streamedBodies.handle(context);
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
        errors.send(context, new ApiError(413, "RequestEntityTooLarge",
                "The request body is larger than the limit of " + maxBytes + " bytes."), true);
    }
}
