package io.baas.fabric.configtx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.policy.SignaturePolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * A channel config as people read it: its organizations with their anchor peers or orderer
 * endpoints, the consenters, block cutting, every policy in configtx.yaml's words, the
 * capabilities of each level, and the sequence.
 *
 * @param policies by path (e.g. {@code Application/Admins}) to their rule: {@code MAJORITY Admins}, or a
 *        signature policy's text such as {@code OR('Org1MSP.admin')}
 * @param capabilities by level (Channel, Orderer, Application) to the capabilities it requires
 */
public record ConfigSummary(long sequence, List<OrganizationSummary> organizations, String consensusType, List<String> consenters,
                            Batch batch, Map<String, String> policies, Map<String, List<String>> capabilities) {

    /** An organization of the Application or the Orderer section. */
    public record OrganizationSummary(String section, String mspId, List<String> anchorPeers, List<String> endpoints) {
    }

    /** Block cutting settings. */
    public record Batch(String timeout, int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes) {
    }

    public static ConfigSummary of(Config config) {
        ConfigGroup channel = config.getChannelGroup();
        List<OrganizationSummary> organizations = new ArrayList<>();
        Map<String, String> policies = new TreeMap<>();
        Map<String, List<String>> capabilities = new TreeMap<>();
        policies(channel, "Channel", policies);
        capabilities(channel, "Channel", capabilities);
        String consensusType = null;
        List<String> consenters = List.of();
        Batch batch = null;
        for (String section : List.of("Application", "Orderer")) {
            ConfigGroup group = channel.getGroupsMap().get(section);
            if (group == null) {
                continue;
            }
            policies(group, section, policies);
            capabilities(group, section, capabilities);
            group.getGroupsMap().forEach((name, organization) -> {
                organizations.add(new OrganizationSummary(section, mspId(organization, name),
                        value(organization, "AnchorPeers", AnchorPeers::parseFrom).map(a -> a.getAnchorPeersList().stream()
                                .map(p -> p.getHost() + ":" + p.getPort()).toList()).orElse(List.of()),
                        value(organization, "Endpoints", OrdererAddresses::parseFrom).map(e -> List.copyOf(e.getAddressesList()))
                                .orElse(List.of())));
                policies(organization, section + "/" + name, policies);
            });
            if (section.equals("Orderer")) {
                ConsensusType consensus = value(group, "ConsensusType", ConsensusType::parseFrom).orElse(null);
                if (consensus != null) {
                    consensusType = consensus.getType();
                    if (consensus.getType().equals("etcdraft")) {
                        consenters = parse(consensus.getMetadata(), ConfigMetadata::parseFrom).getConsentersList().stream()
                                .map(c -> c.getHost() + ":" + c.getPort()).toList();
                    }
                }
                BatchSize size = value(group, "BatchSize", BatchSize::parseFrom).orElse(BatchSize.getDefaultInstance());
                batch = new Batch(value(group, "BatchTimeout", BatchTimeout::parseFrom).map(BatchTimeout::getTimeout).orElse(null),
                        size.getMaxMessageCount(), size.getAbsoluteMaxBytes(), size.getPreferredMaxBytes());
            }
        }
        organizations.sort(java.util.Comparator.comparing(OrganizationSummary::section).thenComparing(OrganizationSummary::mspId));
        return new ConfigSummary(config.getSequence(), List.copyOf(organizations), consensusType, consenters, batch, policies, capabilities);
    }

    private static void policies(ConfigGroup group, String path, Map<String, String> into) {
        group.getPoliciesMap().forEach((name, policy) -> into.put(path + "/" + name, rule(policy.getPolicy())));
    }

    private static String rule(Policy policy) {
        if (policy.getType() == Policy.PolicyType.IMPLICIT_META_VALUE) {
            ImplicitMetaPolicy meta = parse(policy.getValue(), ImplicitMetaPolicy::parseFrom);
            return meta.getRule().name() + " " + meta.getSubPolicy();
        }
        if (policy.getType() == Policy.PolicyType.SIGNATURE_VALUE) {
            return SignaturePolicies.format(parse(policy.getValue(), SignaturePolicyEnvelope::parseFrom));
        }
        return "policy of type " + policy.getType();
    }

    private static void capabilities(ConfigGroup group, String level, Map<String, List<String>> into) {
        value(group, "Capabilities", Capabilities::parseFrom)
                .ifPresent(c -> into.put(level, c.getCapabilitiesMap().keySet().stream().sorted().toList()));
    }

    private static String mspId(ConfigGroup organization, String groupName) {
        return value(organization, "MSP", MSPConfig::parseFrom)
                .map(msp -> parse(msp.getConfig(), FabricMSPConfig::parseFrom).getName()).orElse(groupName);
    }

    private interface Parser<T> {
        T parse(ByteString bytes) throws InvalidProtocolBufferException;
    }

    private static <T> java.util.Optional<T> value(ConfigGroup group, String name, Parser<T> parser) {
        ConfigValue value = group.getValuesMap().get(name);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(parse(value.getValue(), parser));
    }

    private static <T> T parse(ByteString bytes, Parser<T> parser) {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("a channel config value does not decode: " + e.getMessage(), e);
        }
    }
}
