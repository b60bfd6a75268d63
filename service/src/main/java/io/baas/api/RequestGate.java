package io.baas.api;

import io.baas.config.BaasConfig;
import io.baas.iam.access.CanonicalPath;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The first handler of every request, before authentication: refuses, with the JSON error model,
 * request targets and headers over the API's limits (Vert.x's own limits are set higher so that it
 * is this gate that answers), paths that are not canonical ({@link CanonicalPath}: the path that is
 * authorized must be the path that is routed) and requests with more than one Authorization header.
 */
@Singleton
public class RequestGate {

    private final int maxTargetBytes;
    private final int maxHeaderBytes;
    private final RawErrors errors;

    RequestGate(BaasConfig config, RawErrors errors) {
        this.maxTargetBytes = config.api().maxRequestTargetBytes();
        this.maxHeaderBytes = config.api().maxHeaderBytes();
        this.errors = errors;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxTargetBytes) {
            errors.send(context, new ApiError(414, "UriTooLong",
                    "The request path and query are longer than the limit of " + maxTargetBytes + " bytes."), true);
            return;
        }
        if (headerBytes(request.headers()) > maxHeaderBytes) {
            errors.send(context, new ApiError(431, "RequestHeaderFieldsTooLarge",
                    "The request headers are larger than the limit of " + maxHeaderBytes + " bytes."), true);
            return;
        }
        String path = request.path();
        var violation = CanonicalPath.violation(path);
        if (violation.isPresent()) {
            errors.send(context, ApiError.of(CanonicalPath.refusal(violation.get())), true);
            return;
        }
        if (request.headers().getAll("Authorization").size() > 1) {
            errors.send(context, new ApiError(400, "DuplicateAuthorization",
                    "The request carries more than one Authorization header; send exactly one."), true);
            return;
        }
        context.next();
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }
}
