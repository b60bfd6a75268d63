package io.baas.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A node as its operations endpoint answered when asked: whether it is healthy (Fabric's {@code
 * /healthz}), and the height of each channel's ledger it keeps ({@code ledger_blockchain_height}).
 *
 * @param state {@link #HEALTHY}, {@link #UNHEALTHY} (it answered that a check failed), {@link #UNREACHABLE} or {@link #NOT_RUNNING}
 * @param reason why it is not healthy, in the node's or the network's words; null when healthy
 * @param heights blocks per channel, by channel ID
 */
public record NodeHealth(String state, String reason, Map<String, Long> heights, Instant checkedAt) {

    public static final String HEALTHY = "Healthy";
    public static final String UNHEALTHY = "Unhealthy";
    public static final String UNREACHABLE = "Unreachable";
    public static final String NOT_RUNNING = "NotRunning";

    public NodeHealth {
        heights = Map.copyOf(heights);
    }

    public boolean healthy() {
        return HEALTHY.equals(state);
    }
}
