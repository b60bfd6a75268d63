package io.baas.fabric.admin;

import io.baas.fabric.FabricDataException;
import java.util.List;

/**
 * A config update that cannot be submitted yet: the named mod policies still lack signatures. Not
 * an unusable input, only an unfinished one: more organizations have to sign.
 */
public final class MissingSignaturesException extends FabricDataException {

    private final List<String> policies;

    public MissingSignaturesException(List<String> policies) {
        super("the update still needs signatures for " + String.join(", ", policies));
        this.policies = List.copyOf(policies);
    }

    public List<String> policies() {
        return policies;
    }
}
