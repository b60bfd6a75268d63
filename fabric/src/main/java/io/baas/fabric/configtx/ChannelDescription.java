package io.baas.fabric.configtx;

import java.util.Map;
import java.util.Set;

/**
 * An application channel as ks-baas describes it: what configtxgen reads from a configtx.yaml
 * profile, with the MSP material already loaded.
 */
public record ChannelDescription(
        String channelId,
        OrdererSection orderer,
        ApplicationSection application,
        Set<String> capabilities,
        Map<String, PolicyDefinition> policies) {

    public ChannelDescription {
        ConfigNames.checkChannelId(channelId);
        capabilities = Set.copyOf(capabilities);
        policies = Map.copyOf(policies);
    }

    /** Channel capability V2_0 and the default channel policies. */
    public static ChannelDescription of(String channelId, OrdererSection orderer, ApplicationSection application) {
        return new ChannelDescription(channelId, orderer, application, Set.of("V2_0"), DefaultPolicies.channel());
    }

    public ChannelDescription withOrderer(OrdererSection changed) {
        return new ChannelDescription(channelId, changed, application, capabilities, policies);
    }

    public ChannelDescription withApplication(ApplicationSection changed) {
        return new ChannelDescription(channelId, orderer, changed, capabilities, policies);
    }

    public ChannelDescription withCapabilities(Set<String> changed) {
        return new ChannelDescription(channelId, orderer, application, changed, policies);
    }

    public ChannelDescription withPolicies(Map<String, PolicyDefinition> changed) {
        return new ChannelDescription(channelId, orderer, application, capabilities, changed);
    }
}
