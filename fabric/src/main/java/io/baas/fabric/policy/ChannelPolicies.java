package io.baas.fabric.policy;

import io.baas.fabric.Protos;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Resolves policies of a channel configuration by path, such as
 * {@code /Channel/Application/Endorsement}, compiling implicit-meta policies over the
 * sub-groups the way Fabric's policy manager does.
 */
public final class ChannelPolicies {

    private static final int SIGNATURE = org.hyperledger.fabric.protos.common.Policy.PolicyType.SIGNATURE_VALUE;
    private static final int IMPLICIT_META = org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE;

    private final ConfigGroup channel;

    public ChannelPolicies(Config config) {
        this.channel = config.getChannelGroup();
    }

    /** The policy at an absolute path; a path to a missing group or policy is an error. */
    public Policy policy(String path) {
        String[] segments = path.split("/");
        if (segments.length < 3 || !segments[0].isEmpty() || !segments[1].equals("Channel")) {
            throw new PolicyException("policy path must look like /Channel/<group>.../<policy>, was " + path);
        }
        ConfigGroup group = channel;
        for (int i = 2; i < segments.length - 1; i++) {
            group = group.getGroupsMap().get(segments[i]);
            if (group == null) {
                throw new PolicyException("no config group " + segments[i] + " on the way to " + path);
            }
        }
        String name = segments[segments.length - 1];
        if (!group.getPoliciesMap().containsKey(name)) {
            throw new PolicyException("no policy " + path);
        }
        return compile(group, name);
    }

    private static Policy compile(ConfigGroup group, String name) {
        ConfigPolicy configPolicy = group.getPoliciesMap().get(name);
        if (configPolicy == null) {
            return Policy.REJECT;
        }
        org.hyperledger.fabric.protos.common.Policy policy = configPolicy.getPolicy();
        if (policy.getType() == SIGNATURE) {
            return SignaturePolicyEvaluator.compile(
                    Protos.parse(SignaturePolicyEnvelope.parser(), policy.getValue(), "policy " + name, PolicyException::new));
        }
        if (policy.getType() == IMPLICIT_META) {
            ImplicitMetaPolicy meta = Protos.parse(ImplicitMetaPolicy.parser(), policy.getValue(), "policy " + name,
                    PolicyException::new);
            List<Policy> subPolicies = new ArrayList<>();
            // Sorted like Fabric's, though the outcome does not depend on the order.
            group.getGroupsMap().keySet().stream().sorted()
                    .forEach(child -> subPolicies.add(compile(group.getGroupsMap().get(child), meta.getSubPolicy())));
            return ImplicitMetaPolicies.evaluator(meta.getRule(), subPolicies);
        }
        throw new PolicyException("policy " + name + " has unsupported type " + policy.getType());
    }
}
