package io.baas.api;

import io.baas.config.BaasConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers oversized bodies with the JSON error model. The API's JSON routes take
 * {@code baas.api.max-body-bytes}; the chaincode repository's uploads (a package, a jar) take
 * {@code baas.repository.max-package-bytes}, documents to notarize or verify (an octet-stream body)
 * {@code baas.apps.max-document-bytes}; both are streamed to their resource, which counts.
 * Vert.x and RESTEasy enforce {@code quarkus.http.limits.max-body-size} themselves with a bare 413; so a declared
 * Content-Length is refused here before any byte is read, and a body streamed without one (chunked)
 * on the API is read here, up to the limit, before the resource sees it: one byte more fails the
 * request with 413, which the failure handler renders. A small JSON body ({@value #SMALL_BODY_BYTES}
 * bytes at most, declared) is read here too, whole, so that a blocking resource method gets it from
 * memory rather than through a worker thread waiting on the event loop for it.
 */
@Singleton
public class BodyLimit {

    /** The upload routes, as the router matches them (a path it would not match fails the canonical-path check later). */
    private static final Pattern UPLOADS = Pattern.compile(
            "^/kapis/baas\\.io/v1/workspaces/[^/]+/chaincodepackages/[^/]+/versions(?<jar>/[^/]+/jar)?$");

    /** Documents notarized or verified whole: hashed as they stream in. */
    private static final Pattern DOCUMENTS = Pattern.compile(
            "^/kapis/baas\\.io/v1/namespaces/[^/]+/channels/[^/]+/(evidences|evidenceverifications)$");

    /**
     * The largest declared body read whole before the resource runs, so before authentication too:
     * small enough that holding one per connection costs about what the connection's buffers do.
     */
    static final long SMALL_BODY_BYTES = 16 * 1024;

    private final long maxBytes;
    private final long maxUploadBytes;
    private final long maxDocumentBytes;
    private final RawErrors errors;
    private final BodyHandler wholeBodies;

    BodyLimit(BaasConfig config, RawErrors errors) {
        this.maxBytes = config.api().maxBodyBytes();
        this.maxUploadBytes = config.repository().maxPackageBytes();
        this.maxDocumentBytes = config.apps().maxDocumentBytes();
        this.errors = errors;
        this.wholeBodies = BodyHandler.create(false).setBodyLimit(maxBytes);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::checkDeclaredLength);
        router.route("/kapis/*").order(Integer.MIN_VALUE + 2).handler(this::readBodyWhole);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::renderOverflow);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (declaredLength(length) > limit(context)) {
            refuse(context);
            return;
        }
        context.next();
    }

    private void readBodyWhole(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        boolean chunked = length == null && context.request().getHeader("Transfer-Encoding") != null;
        long declared = declaredLength(length);
        boolean small = declared > 0 && declared <= SMALL_BODY_BYTES;
        if ((chunked || small) && !isUpload(context) && !isDocument(context)) {
            wholeBodies.handle(context);
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

    private long limit(RoutingContext context) {
        return isUpload(context) ? maxUploadBytes : isDocument(context) ? maxDocumentBytes : maxBytes;
    }

    /** A document to notarize or verify: an octet-stream POST to evidences or evidenceverifications. */
    static boolean isDocument(String method, String path, String contentType) {
        return "POST".equals(method) && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/octet-stream")
                && DOCUMENTS.matcher(path).matches();
    }

    private static boolean isDocument(RoutingContext context) {
        return isDocument(context.request().method().name(), context.request().path(), context.request().getHeader("Content-Type"));
    }

    /** A package upload (POST .../versions) or a jar upload (PUT .../versions/{version}/jar). */
    static boolean isUpload(String method, String path) {
        Matcher upload = UPLOADS.matcher(path);
        return upload.matches() && (upload.group("jar") == null ? "POST".equals(method) : "PUT".equals(method));
    }

    private static boolean isUpload(RoutingContext context) {
        return isUpload(context.request().method().name(), context.request().path());
    }

    /** The Content-Length a request declares; -1 when it declares none, or no number. */
    private static long declaredLength(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext context) {
        errors.send(context, new ApiError(413, "RequestEntityTooLarge",
                "The request body is larger than the limit of " + limit(context) + " bytes."), true);
    }
}
