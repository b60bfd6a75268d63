package io.baas.fabric.configtx;

import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;

/**
 * Turns a {@link ChannelDescription} into the channel configuration configtxgen would write for
 * the equivalent profile: same groups, values, policies, mod policies and versions (all 0).
 */
public final class ChannelConfigBuilder {

    static final String ORDERER = "Orderer";
    static final String APPLICATION = "Application";

    private ChannelConfigBuilder() {
    }

    public static Config build(ChannelDescription channel) {
        ConfigGroup.Builder group = group("channel", channel.policies(), Set.of())
                .putValues("HashingAlgorithm", ConfigValues.hashingAlgorithm())
                .putValues("BlockDataHashingStructure", ConfigValues.blockDataHashingStructure())
                .putGroups(ORDERER, orderer(channel.orderer()))
                .putGroups(APPLICATION, application(channel.application()));
        if (!channel.capabilities().isEmpty()) {
            group.putValues("Capabilities", ConfigValues.capabilities(channel.capabilities()));
        }
        return Config.newBuilder().setSequence(0).setChannelGroup(group).build();
    }

    private static ConfigGroup orderer(OrdererSection orderer) {
        ConfigGroup.Builder group = group("orderer", orderer.policies(), Set.of(DefaultPolicies.BLOCK_VALIDATION))
                .putValues("BatchSize", ConfigValues.batchSize(orderer.batchSize()))
                .putValues("BatchTimeout", ConfigValues.batchTimeout(orderer.batchTimeout()))
                .putValues("ChannelRestrictions", ConfigValues.channelRestrictions())
                .putValues("ConsensusType", ConfigValues.etcdRaft(orderer.consenters(), orderer.raftOptions()));
        if (!orderer.capabilities().isEmpty()) {
            group.putValues("Capabilities", ConfigValues.capabilities(orderer.capabilities()));
        }
        for (OrdererOrganization organization : orderer.organizations()) {
            ConfigGroup.Builder org = group("orderer organization " + organization.name(), organization.policies(), Set.of())
                    .putValues("MSP", ConfigValues.msp(organization.msp()));
            if (!organization.endpoints().isEmpty()) {
                org.putValues("Endpoints", ConfigValues.endpoints(organization.endpoints()));
            }
            group.putGroups(organization.name(), org.build());
        }
        return group.build();
    }

    private static ConfigGroup application(ApplicationSection application) {
        ConfigGroup.Builder group = group("application", application.policies(), Set.of());
        if (!application.acls().isEmpty()) {
            group.putValues("ACLs", ConfigValues.acls(application.acls()));
        }
        if (!application.capabilities().isEmpty()) {
            group.putValues("Capabilities", ConfigValues.capabilities(application.capabilities()));
        }
        for (ApplicationOrganization organization : application.organizations()) {
            group.putGroups(organization.name(), applicationOrganization(organization));
        }
        return group.build();
    }

    /** Public so a config update can add an organization without rebuilding the whole channel. */
    /** An organization's AnchorPeers value (mod policy Admins), for updates of a live channel's config. */
    public static org.hyperledger.fabric.protos.common.ConfigValue anchorPeers(java.util.List<HostPort> peers) {
        return ConfigValues.anchorPeers(peers);
    }

    public static ConfigGroup applicationOrganization(ApplicationOrganization organization) {
        ConfigGroup.Builder group = group("organization " + organization.name(), organization.policies(), Set.of())
                .putValues("MSP", ConfigValues.msp(organization.msp()));
        // Like configtxgen, no AnchorPeers value at all rather than an empty one.
        if (!organization.anchorPeers().isEmpty()) {
            group.putValues("AnchorPeers", ConfigValues.anchorPeers(organization.anchorPeers()));
        }
        return group.build();
    }

    /** A group with mod policy Admins and its policies, which must include the three configtxgen requires. */
    private static ConfigGroup.Builder group(String what, Map<String, PolicyDefinition> policies, Set<String> alsoRequired) {
        for (String required : requiredPlus(alsoRequired)) {
            if (!policies.containsKey(required)) {
                throw new ChannelConfigException("the " + what + " group has no " + required + " policy");
            }
        }
        ConfigGroup.Builder group = ConfigGroup.newBuilder().setModPolicy(ConfigValues.ADMINS);
        policies.forEach((name, policy) -> group.putPolicies(name,
                ConfigPolicy.newBuilder().setModPolicy(ConfigValues.ADMINS).setPolicy(policy.toProto()).build()));
        return group;
    }

    private static Set<String> requiredPlus(Set<String> extra) {
        Set<String> required = new java.util.TreeSet<>(extra);
        required.addAll(Set.of(DefaultPolicies.ADMINS, DefaultPolicies.READERS, DefaultPolicies.WRITERS));
        return required;
    }
}
