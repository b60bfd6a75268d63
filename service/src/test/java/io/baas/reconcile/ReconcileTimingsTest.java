package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.support.TestConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileTimingsTest {

    @Test
    void theDefaultsAreTheConfigurationsDefaults() {
        assertThat(ReconcileTimings.of(TestConfig.of(Map.of()).reconcile())).isEqualTo(ReconcileTimings.DEFAULTS);
    }

    @Test
    void eachTimingIsItsOwnSetting() {
        ReconcileTimings timings = ReconcileTimings.of(TestConfig.of(Map.of(
                "baas.reconcile.admin-timeout", "1s",
                "baas.reconcile.lifecycle-timeout", "2s",
                "baas.reconcile.peer-retry", "3s",
                "baas.reconcile.consent-retry", "4s",
                "baas.reconcile.in-use-retry", "5m")).reconcile());
        assertThat(timings).isEqualTo(new ReconcileTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofMinutes(5)));
    }
}
