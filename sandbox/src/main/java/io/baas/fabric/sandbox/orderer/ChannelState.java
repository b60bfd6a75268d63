package io.baas.fabric.sandbox.orderer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.FabricDataException;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.configtx.GoDurations;
import io.baas.fabric.policy.ChannelPolicies;
import io.baas.fabric.sandbox.SandboxException;
import java.time.Duration;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;

/** What the orderer reads from a channel's current config: its policies, MSPs and block cutting. */
record ChannelState(Config config, ChannelPolicies policies, ChannelMsps msps, BatchSize batchSize, Duration batchTimeout) {

    static ChannelState of(Config config) {
        ConfigGroup channel = config.getChannelGroup();
        if (!channel.containsGroups("Application")) {
            throw new SandboxException("invalid config: must have at least one of application or consortiums");
        }
        ConfigGroup orderer = channel.getGroupsMap().get("Orderer");
        if (orderer == null) {
            throw new SandboxException("config has no Orderer group");
        }
        try {
            var size = org.hyperledger.fabric.protos.orderer.BatchSize.parseFrom(value(orderer, "BatchSize").getValue());
            BatchTimeout timeout = BatchTimeout.parseFrom(value(orderer, "BatchTimeout").getValue());
            Duration batchTimeout = GoDurations.parse(timeout.getTimeout());
            if (batchTimeout.isZero() || batchTimeout.isNegative()) {
                throw new SandboxException("attempted to set the batch timeout to a non-positive value: " + timeout.getTimeout());
            }
            return new ChannelState(config, new ChannelPolicies(config), ChannelMsps.of(channel),
                    new BatchSize(size.getMaxMessageCount(), size.getAbsoluteMaxBytes(), size.getPreferredMaxBytes()),
                    batchTimeout);
        } catch (InvalidProtocolBufferException | FabricDataException e) {
            throw new SandboxException("invalid orderer config: " + e.getMessage(), e);
        }
    }

    long sequence() {
        return config.getSequence();
    }

    private static ConfigValue value(ConfigGroup group, String name) {
        ConfigValue value = group.getValuesMap().get(name);
        if (value == null) {
            throw new SandboxException("orderer config has no " + name);
        }
        return value;
    }
}
