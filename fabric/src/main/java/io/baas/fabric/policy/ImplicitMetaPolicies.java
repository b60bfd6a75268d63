package io.baas.fabric.policy;

import java.util.List;
import java.util.Locale;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;

/**
 * Implicit-meta policies ({@code MAJORITY Admins}): a rule over the same-named policy of every
 * sub-group, as configtxgen writes and Fabric evaluates them.
 */
public final class ImplicitMetaPolicies {

    private ImplicitMetaPolicies() {
    }

    /** Parses configtx.yaml's form, {@code <ANY|ALL|MAJORITY> <sub-policy name>}. */
    public static ImplicitMetaPolicy parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new PolicyException("implicit meta policy must be '<ANY|ALL|MAJORITY> <policy>', was \"" + text + "\"");
        }
        ImplicitMetaPolicy.Rule rule = switch (parts[0].toUpperCase(Locale.ROOT)) {
            case "ANY" -> ImplicitMetaPolicy.Rule.ANY;
            case "ALL" -> ImplicitMetaPolicy.Rule.ALL;
            case "MAJORITY" -> ImplicitMetaPolicy.Rule.MAJORITY;
            default -> throw new PolicyException("unknown implicit meta rule '" + parts[0] + "'");
        };
        return ImplicitMetaPolicy.newBuilder().setRule(rule).setSubPolicy(parts[1]).build();
    }

    public static String format(ImplicitMetaPolicy policy) {
        return policy.getRule().name() + " " + policy.getSubPolicy();
    }

    /**
     * ANY needs one sub-policy, ALL every one, MAJORITY more than half; with no sub-policies at
     * all Fabric's threshold is zero, so the policy is satisfied.
     */
    public static Policy evaluator(ImplicitMetaPolicy.Rule rule, List<Policy> subPolicies) {
        int threshold = subPolicies.isEmpty() ? 0 : switch (rule) {
            case ANY -> 1;
            case ALL -> subPolicies.size();
            case MAJORITY -> subPolicies.size() / 2 + 1;
            case UNRECOGNIZED -> throw new PolicyException("unknown implicit meta rule");
        };
        return signers -> subPolicies.stream().filter(policy -> policy.evaluate(signers)).count() >= threshold;
    }
}
