package io.baas.iam.access;

import io.baas.config.BaasConfig;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.iam.kubesphere.StoreRbacSnapshot;
import io.baas.iam.rbac.Decision;
import io.baas.iam.rbac.RbacEvaluator;
import io.baas.iam.rbac.RequestAttributes;
import io.baas.iam.rbac.RequestAttributesResolver;
import io.baas.iam.token.KubeSphereAuthenticator;
import io.baas.iam.token.TokenRejectedException;
import io.baas.k8s.Names;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The gate of {@code /kapis/baas.io/}: authenticate (KubeSphere token, or trusted proxy headers),
 * authorize exactly as ks-apiserver would from the path, then check that the workspace or namespace
 * named in the path exists. Runs before routing, so unknown paths are not probed anonymously.
 */
public class KapisSecurityFilter {

    private static final Logger LOG = Logger.getLogger(KapisSecurityFilter.class);
    /**
     * Everything under ks-apiserver's extension path is gated, not only baas.io's group: a route
     * that some later change mounts elsewhere under /kapis is never served anonymously.
     */
    public static final String PREFIX = "/kapis/";

    private final CurrentIdentityAssociation identities;
    private final KubeSphereAuthenticator authenticator;
    private final KubeSphereIam iam;
    private final CurrentCaller currentCaller;
    private final BaasConfig config;

    KapisSecurityFilter(CurrentIdentityAssociation identities, KubeSphereAuthenticator authenticator, KubeSphereIam iam,
                        CurrentCaller currentCaller, BaasConfig config) {
        this.identities = identities;
        this.authenticator = authenticator;
        this.iam = iam;
        this.currentCaller = currentCaller;
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Uni<Response> filter(ContainerRequestContext request) {
        String rawPath = gatedPath(request);
        if (rawPath == null) {
            return Uni.createFrom().nullItem();
        }
        if (!iam.synced()) {
            return Uni.createFrom().failure(DomainException.unavailable("KubeSphere users and roles are still loading; retry shortly."));
        }
        return authenticate(request).map(caller -> {
            currentCaller.set(caller);
            authorize(caller, request, rawPath);
            return null;
        });
    }

    /**
     * The path this filter, the audit and the router all read, when it is under {@link #PREFIX};
     * null otherwise. {@link io.baas.api.RequestGate} already refused every path whose raw and
     * routed spellings differ; this check stays so that no decision here ever rests on one.
     */
    public static String gatedPath(ContainerRequestContext request) {
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        CanonicalPath.violation(rawPath).ifPresent(violation -> {
            throw CanonicalPath.refusal(violation);
        });
        return rawPath.startsWith(PREFIX) ? rawPath : null;
    }

    private Uni<Caller> authenticate(ContainerRequestContext request) {
        String proxyUser = request.getHeaderString("X-Remote-User");
        if (config.iam().trustProxyHeaders() && proxyUser != null && !proxyUser.isBlank()) {
            List<String> groups = request.getHeaders().getOrDefault("X-Remote-Group", List.of());
            return Uni.createFrom().item(() -> authenticator.fromProxyHeaders(proxyUser.trim(), groups));
        }
        return identities.getDeferredIdentity().map(identity -> callerOf(identity, request));
    }

    private Caller callerOf(SecurityIdentity identity, ContainerRequestContext request) {
        if (identity.isAnonymous()) {
            String header = request.getHeaderString("Authorization");
            if (header != null && !header.isBlank()) {
                throw TokenRejectedException.of("MalformedToken", "The Authorization header must be 'Bearer <KubeSphere access token>'.");
            }
            throw TokenRejectedException.of("MissingToken", "No bearer token was given; log in to KubeSphere and send its access token.");
        }
        return authenticator.caller(identity.getPrincipal().getName());
    }

    private void authorize(Caller caller, ContainerRequestContext request, String rawPath) {
        RequestAttributes attributes = RequestAttributesResolver.resolve(request.getMethod(), rawPath,
                request.getUriInfo().getQueryParameters());
        Decision decision = RbacEvaluator.authorize(new StoreRbacSnapshot(iam), caller, attributes);
        if (!decision.allowed()) {
            LOG.debugf("Denied: %s", decision.reason());
            throw DomainException.forbidden(decision.reason() + ".");
        }
        if (LOG.isDebugEnabled()) { // describe() builds its sentence on every request otherwise
            LOG.debugf("Allowed %s for %s by %s", attributes.describe(), caller.username(), decision.reason());
        }
        requireValidNames(attributes);
        if (!attributes.workspace().isEmpty() && !iam.workspaceExists(attributes.workspace())) {
            throw DomainException.notFound("Workspace " + attributes.workspace() + " does not exist.");
        }
        if (!attributes.namespace().isEmpty() && iam.namespace(attributes.namespace()).isEmpty()) {
            throw DomainException.notFound("Namespace " + attributes.namespace() + " does not exist.");
        }
    }

    private static void requireValidNames(RequestAttributes attributes) {
        List<FieldError> errors = new ArrayList<>();
        if (!attributes.workspace().isEmpty() && !Names.isDnsLabel(attributes.workspace())) {
            errors.add(new FieldError("workspace", "must be a DNS-1123 label"));
        }
        if (!attributes.namespace().isEmpty() && !Names.isDnsLabel(attributes.namespace())) {
            errors.add(new FieldError("namespace", "must be a DNS-1123 label"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The path names an invalid workspace or namespace.", errors);
        }
    }
}
