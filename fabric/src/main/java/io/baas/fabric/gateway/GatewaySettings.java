package io.baas.fabric.gateway;

import java.time.Duration;

/**
 * Deadlines of each Gateway call, and how often a call that found no peer is tried again (only
 * calls that cannot have changed anything: evaluate, and endorse before anything was submitted).
 */
public record GatewaySettings(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus,
                              int attempts, Duration retryPause) {

    /** The deadlines the fabric-gateway samples use, three attempts half a second apart. */
    public static final GatewaySettings DEFAULTS = new GatewaySettings(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(5), Duration.ofMinutes(1), 3, Duration.ofMillis(500));

    public GatewaySettings {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }
}
