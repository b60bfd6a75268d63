package io.baas.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The platform defaults as the builders receive them from configuration. */
@QuarkusTest
class PlatformSettingsTest {

    @Inject
    PlatformSettings platform;

    @Test
    void defaultsAreFabric25WithTheClusterDefaultStorageClass() {
        assertThat(platform.imageRegistry()).isEqualTo("hyperledger");
        assertThat(platform.fabricVersion()).isEqualTo("2.5.5");
        assertThat(platform.storageClassName()).isEmpty();
        assertThat(platform.peerStorageSize()).isEqualTo("10Gi");
        assertThat(platform.peerResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
        assertThat(platform.serviceNamespace()).isEqualTo("kubesphere-system");
        assertThat(platform.monitoringNamespace()).isEqualTo("kubesphere-monitoring-system");
    }
}
