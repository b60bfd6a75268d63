package io.baas.iam;

import java.util.Optional;
import java.util.Set;

/**
 * What the platform knows about its callers: whether a user exists, may log in and which groups it
 * is in; whether a KubeSphere service account exists.
 */
public interface UserDirectory {

    enum UserState { ACTIVE, DISABLED }

    /** Empty when KubeSphere has no such user. */
    Optional<UserState> userState(String username);

    /** The KubeSphere groups the user belongs to (through GroupBindings). */
    Set<String> groupsOf(String username);

    /** True while KubeSphere has this ServiceAccount; its tokens are good exactly that long. */
    boolean serviceAccountExists(ServiceAccountName account);
}
