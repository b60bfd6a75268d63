package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.operations.NodeMetrics;
import io.baas.fabric.sandbox.operations.OperationsServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An ordering node's metrics under Fabric's names: broadcasts processed and how long they took
 * ({@code orderer/common/broadcast/metrics.go}), each channel's height, and etcdraft's leadership
 * and cluster gauges ({@code orderer/consensus/etcdraft/metrics.go}) as a one-node Raft cluster
 * reports them: the node is the channel's leader in a cluster of one.
 */
final class OrdererMetrics {

    private final NodeMetrics.Counter processed;
    private final NodeMetrics.Histogram validated;
    private final NodeMetrics.Counter leaderChanges;

    OrdererMetrics(NodeMetrics metrics, ChannelRegistry channels) {
        processed = metrics.counter("broadcast_processed_count", "The number of transactions processed.", "channel", "type", "status");
        validated = metrics.histogram("broadcast_validate_duration", "The time to validate a transaction.", NodeMetrics.DEFAULT_BUCKETS,
                "channel", "type", "status");
        leaderChanges = metrics.counter("consensus_etcdraft_leader_changes", "The number of leader changes since process start.", "channel");
        metrics.gauge("fabric_version", "The active version of Fabric.", () -> Map.of(List.of(OperationsServer.VERSION), 1.0), "version");
        metrics.gauge("ledger_blockchain_height", "Height of the chain in blocks.", () -> perChannel(channels, info -> info.height()), "channel");
        metrics.gauge("consensus_etcdraft_is_leader", "The leadership status of the current node: 1 if it is the leader else 0.",
                () -> perChannel(channels, info -> 1), "channel");
        metrics.gauge("consensus_etcdraft_cluster_size", "Number of nodes in this channel.", () -> perChannel(channels, info -> 1), "channel");
        metrics.gauge("consensus_etcdraft_committed_block_number", "The block number of the latest block committed.",
                () -> perChannel(channels, info -> info.height() - 1), "channel");
    }

    void processed(String channel, String type, String status, double seconds) {
        processed.increment(channel, type, status);
        validated.observe(seconds, channel, type, status);
    }

    void leaderElected(String channel) {
        leaderChanges.increment(channel);
    }

    private static Map<List<String>, Double> perChannel(ChannelRegistry channels, ToDoubleFunction<ChannelInfo> value) {
        Map<List<String>, Double> values = new LinkedHashMap<>();
        for (String channelId : channels.channelIds()) {
            channels.info(channelId).ifPresent(info -> values.put(List.of(channelId), value.applyAsDouble(info)));
        }
        return values;
    }
}
