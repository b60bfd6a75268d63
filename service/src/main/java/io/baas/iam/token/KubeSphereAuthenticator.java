package io.baas.iam.token;

import io.baas.config.BaasConfig;
import io.baas.iam.Caller;
import io.baas.iam.ServiceAccountName;
import io.baas.iam.UserDirectory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a bearer token, or trusted proxy headers, into a {@link Caller}: the token must verify, and
 * its user must exist in KubeSphere and not be disabled, as ks-apiserver itself demands. A token
 * whose {@code sub} names a KubeSphere service account is that account's instead: it is good while
 * the ServiceAccount exists, and the caller is in no group, as in ks-apiserver.
 */
@Singleton
public class KubeSphereAuthenticator {

    private final KubeSphereTokenVerifier verifier;
    private final UserDirectory users;
    private final TokenReviewClient tokenReview;
    private final BaasConfig config;

    KubeSphereAuthenticator(JwtSecretSource secret, UserDirectory users, TokenReviewClient tokenReview, BaasConfig config) {
        this.verifier = new KubeSphereTokenVerifier(secret::current, Clock.systemUTC(), config.iam().clockSkew());
        this.users = users;
        this.tokenReview = tokenReview;
        this.config = config;
    }

    public VerifiedToken authenticate(String token) {
        VerifiedToken verified = verifier.verify(token);
        if (ServiceAccountName.parse(verified.subject()).isPresent()) {
            requireServiceAccount(verified.username());
        } else {
            requireActive(verified.username());
        }
        if (config.iam().tokenReview()) {
            String reviewed = tokenReview.review(token);
            if (!reviewed.isEmpty() && !reviewed.equals(verified.username())) {
                throw TokenRejectedException.of("TokenRevoked", "ks-apiserver attributes this token to another user.");
            }
        }
        return verified;
    }

    /**
     * The caller {@link #authenticate} let through. A name of the service-account shape got there only
     * as an account's: a user of that name cannot exist (object names hold no ':').
     */
    public Caller caller(String username) {
        if (ServiceAccountName.parse(username).isPresent()) {
            return new Caller(username, Set.of());
        }
        return new Caller(username, users.groupsOf(username));
    }

    /** Only called when the operator said ks-apiserver is the only way in (baas.iam.trust-proxy-headers). */
    public Caller fromProxyHeaders(String username, List<String> groupHeaders) {
        boolean serviceAccount = ServiceAccountName.parse(username).isPresent();
        if (serviceAccount) {
            requireServiceAccount(username);
        } else {
            requireActive(username);
        }
        Set<String> groups = new HashSet<>(serviceAccount ? Set.of() : users.groupsOf(username));
        for (String header : groupHeaders) {
            for (String group : header.split(",")) {
                if (!group.isBlank()) {
                    groups.add(group.trim());
                }
            }
        }
        return new Caller(username, groups);
    }

    private void requireServiceAccount(String username) {
        ServiceAccountName account = ServiceAccountName.parse(username).orElseThrow(() -> TokenRejectedException.of("MalformedToken",
                "The token's subject is a KubeSphere service account but its username is not kubesphere:serviceaccount:<namespace>:<name>."));
        if (!account.valid()) {
            throw TokenRejectedException.of("InvalidServiceAccountName",
                    "The service account " + username + " cannot exist: its namespace must be a DNS-1123 label and its name a DNS-1123 subdomain.");
        }
        if (!users.serviceAccountExists(account)) {
            throw TokenRejectedException.of("UnknownServiceAccount",
                    "KubeSphere has no service account " + account.name() + " in namespace " + account.namespace() + ".");
        }
    }

    private void requireActive(String username) {
        Optional<UserDirectory.UserState> state = users.userState(username);
        if (state.isEmpty()) {
            throw TokenRejectedException.of("UnknownUser", "KubeSphere has no user named " + username + ".");
        }
        if (state.get() == UserDirectory.UserState.DISABLED) {
            throw TokenRejectedException.of("DisabledUser", "The user " + username + " is disabled.");
        }
    }
}
