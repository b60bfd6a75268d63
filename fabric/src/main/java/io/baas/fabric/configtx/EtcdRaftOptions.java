package io.baas.fabric.configtx;

import java.time.Duration;

/** The etcdraft options of a channel; {@link #DEFAULTS} are configtxgen's. */
public record EtcdRaftOptions(Duration tickInterval, int electionTick, int heartbeatTick, int maxInflightBlocks,
        long snapshotIntervalSizeBytes) {

    public static final EtcdRaftOptions DEFAULTS = new EtcdRaftOptions(Duration.ofMillis(500), 10, 1, 5, 16L * 1024 * 1024);

    public EtcdRaftOptions {
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new ChannelConfigException("raft tick interval must be positive, was " + tickInterval);
        }
        // Raft itself requires the election timeout to exceed the heartbeat.
        if (heartbeatTick < 1 || electionTick <= heartbeatTick) {
            throw new ChannelConfigException("raft needs 1 <= heartbeat tick < election tick, was "
                    + heartbeatTick + " and " + electionTick);
        }
        if (maxInflightBlocks < 1 || snapshotIntervalSizeBytes < 0 || snapshotIntervalSizeBytes > 0xFFFFFFFFL) {
            throw new ChannelConfigException("raft max inflight blocks must be positive and snapshot size a uint32");
        }
    }
}
