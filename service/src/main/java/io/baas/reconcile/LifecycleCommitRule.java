package io.baas.reconcile;

import io.baas.fabric.policy.ImplicitMetaPolicies;
import java.util.Collection;
import java.util.List;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;

/**
 * When a chaincode definition may be committed: once the organizations that approved it meet the
 * channel's LifecycleEndorsement policy, as Fabric's commit checks it (MAJORITY of the channel's
 * organizations by default), not only once every organization has: one organization that does not
 * answer must not hold the others up. A signature-policy rule is not read here: every organization
 * must approve then. Pure.
 */
final class LifecycleCommitRule {

    /** The channel spec's policy key of the rule (configtx.yaml's Application/LifecycleEndorsement). */
    static final String POLICY = "Application/LifecycleEndorsement";
    private static final String DEFAULT = "MAJORITY Endorsement";

    private LifecycleCommitRule() {
    }

    /** @param rule the channel's rule text, null for configtxgen's default */
    static boolean met(String rule, List<String> organizations, Collection<String> approvedBy) {
        long approved = organizations.stream().filter(approvedBy::contains).count();
        String text = rule == null || rule.isBlank() ? DEFAULT : rule.trim();
        ImplicitMetaPolicy.Rule kind;
        try {
            kind = ImplicitMetaPolicies.parse(text).getRule();
        } catch (RuntimeException notImplicitMeta) {
            return approved == organizations.size();
        }
        return switch (kind) {
            case ANY -> approved >= 1;
            case ALL -> approved == organizations.size();
            case MAJORITY -> approved > organizations.size() / 2;
            default -> approved == organizations.size();
        };
    }
}
