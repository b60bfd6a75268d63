package io.baas.iam;

import java.util.Set;

/** An authenticated KubeSphere user and the groups that its bindings may name. */
public record Caller(String username, Set<String> groups) {

    public Caller {
        groups = Set.copyOf(groups);
    }
}
