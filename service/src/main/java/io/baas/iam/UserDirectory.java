package io.baas.iam;

import java.util.Optional;
import java.util.Set;

/** What the platform knows about users: whether they exist, whether they may log in, their groups. */
public interface UserDirectory {

    enum UserState { ACTIVE, DISABLED }

    /** Empty when KubeSphere has no such user. */
    Optional<UserState> userState(String username);

    /** The KubeSphere groups the user belongs to (through GroupBindings). */
    Set<String> groupsOf(String username);
}
