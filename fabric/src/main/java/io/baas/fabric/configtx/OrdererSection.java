package io.baas.fabric.configtx;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ordering service of a channel: its organizations, etcdraft consenters and block cutting. */
public record OrdererSection(
        List<OrdererOrganization> organizations,
        List<Consenter> consenters,
        EtcdRaftOptions raftOptions,
        Duration batchTimeout,
        BatchSize batchSize,
        Set<String> capabilities,
        Map<String, PolicyDefinition> policies) {

    public OrdererSection {
        organizations = List.copyOf(organizations);
        consenters = List.copyOf(consenters);
        capabilities = Set.copyOf(capabilities);
        policies = Map.copyOf(policies);
        if (organizations.isEmpty() || consenters.isEmpty()) {
            throw new ChannelConfigException("an orderer section needs at least one organization and one consenter");
        }
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new ChannelConfigException("batch timeout must be positive, was " + batchTimeout);
        }
        Organizations.checkDistinct(organizations.stream().map(OrdererOrganization::name).toList(),
                organizations.stream().map(org -> org.msp().mspId()).toList());
    }

    /** configtxgen's defaults: 2 s timeout, 10 messages, 99 MB absolute and 512 KB preferred, V2_0, default policies. */
    public static OrdererSection of(List<OrdererOrganization> organizations, List<Consenter> consenters) {
        return new OrdererSection(organizations, consenters, EtcdRaftOptions.DEFAULTS, Duration.ofSeconds(2),
                new BatchSize(10, 99 * BatchSize.MEGABYTE, 512 * 1024), Set.of("V2_0"), DefaultPolicies.orderer());
    }

    public OrdererSection withBatchSize(BatchSize size) {
        return new OrdererSection(organizations, consenters, raftOptions, batchTimeout, size, capabilities, policies);
    }

    public OrdererSection withBatchTimeout(Duration timeout) {
        return new OrdererSection(organizations, consenters, raftOptions, timeout, batchSize, capabilities, policies);
    }

    public OrdererSection withCapabilities(Set<String> changed) {
        return new OrdererSection(organizations, consenters, raftOptions, batchTimeout, batchSize, changed, policies);
    }

    public OrdererSection withPolicies(Map<String, PolicyDefinition> changed) {
        return new OrdererSection(organizations, consenters, raftOptions, batchTimeout, batchSize, capabilities, changed);
    }
}
