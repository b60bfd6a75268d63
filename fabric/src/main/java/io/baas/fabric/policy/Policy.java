package io.baas.fabric.policy;

import java.util.List;

/** A compiled policy: does this set of distinct, verified signers satisfy it? */
@FunctionalInterface
public interface Policy {

    boolean evaluate(List<SignerIdentity> signers);

    /** What Fabric substitutes for a policy that does not exist: nothing satisfies it. */
    Policy REJECT = signers -> false;
}
