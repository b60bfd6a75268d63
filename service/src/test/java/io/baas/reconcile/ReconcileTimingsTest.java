package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.gateway.GatewaySettings;
import io.baas.support.TestConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileTimingsTest {

    @Test
    void theDefaultsAreTheConfigurationsDefaults() {
        assertThat(ReconcileTimings.of(TestConfig.of(Map.of()))).isEqualTo(ReconcileTimings.DEFAULTS);
    }

    @Test
    void eachTimingIsItsOwnSetting() {
        ReconcileTimings timings = ReconcileTimings.of(TestConfig.of(Map.of(
                "baas.reconcile.admin-timeout", "1s",
                "baas.reconcile.lifecycle-timeout", "2s",
                "baas.reconcile.peer-retry", "3s",
                "baas.reconcile.consent-retry", "4s",
                "baas.reconcile.in-use-retry", "5m",
                "baas.pki.fabric-ca-timeout", "6s")));
        assertThat(timings).isEqualTo(new ReconcileTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofMinutes(5), Duration.ofSeconds(6)));
    }

    @Test
    void theGatewayDeadlinesDefaultToTheLibrarysAndAreEachTheirOwnSetting() {
        assertThat(ReconcileTimings.gateway(TestConfig.of(Map.of()).gateway())).isEqualTo(GatewaySettings.DEFAULTS);
        assertThat(ReconcileTimings.gateway(TestConfig.of(Map.of(
                "baas.gateway.evaluate-timeout", "1s",
                "baas.gateway.endorse-timeout", "2s",
                "baas.gateway.submit-timeout", "3s",
                "baas.gateway.commit-status-timeout", "4s",
                "baas.gateway.attempts", "5",
                "baas.gateway.retry-pause", "6s")).gateway()))
                .isEqualTo(new GatewaySettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
                        5, Duration.ofSeconds(6)));
    }
}
