package io.baas.iam.token;

import io.baas.config.BaasConfig;
import io.baas.iam.Caller;
import io.baas.iam.UserDirectory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a bearer token, or trusted proxy headers, into a {@link Caller}: the token must verify, and
 * the user must exist in KubeSphere and not be disabled, as ks-apiserver itself demands.
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
        requireActive(verified.username());
        if (config.iam().tokenReview()) {
            String reviewed = tokenReview.review(token);
            if (!reviewed.isEmpty() && !reviewed.equals(verified.username())) {
                throw TokenRejectedException.of("TokenRevoked", "ks-apiserver attributes this token to another user.");
            }
        }
        return verified;
    }

    public Caller caller(String username) {
        return new Caller(username, users.groupsOf(username));
    }

    /** Only called when the operator said ks-apiserver is the only way in (baas.iam.trust-proxy-headers). */
    public Caller fromProxyHeaders(String username, List<String> groupHeaders) {
        requireActive(username);
        Set<String> groups = new HashSet<>(users.groupsOf(username));
        for (String header : groupHeaders) {
            for (String group : header.split(",")) {
                if (!group.isBlank()) {
                    groups.add(group.trim());
                }
            }
        }
        return new Caller(username, groups);
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
