package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeProducerTest {

    @Test
    void theSandboxsTemporaryChaincodeJarsGoWithTheRuntime() throws Exception {
        NodeRuntimeProducer producer = new NodeRuntimeProducer();
        SandboxNodeRuntime runtime = producer.sandbox(Optional.empty(), Optional.empty());
        Path jars = producer.temporaryJars().orElseThrow();
        try (var listed = Files.list(jars)) {
            assertThat(listed.map(path -> path.getFileName().toString())).isNotEmpty().allMatch(name -> name.endsWith(".jar"));
        }

        producer.close(runtime);
        assertThat(jars).doesNotExist();
        assertThat(producer.temporaryJars()).isEmpty();
    }

    @Test
    void aConfiguredDirectoryIsTheOperatorsAndStays(@TempDir Path configured) {
        NodeRuntimeProducer producer = new NodeRuntimeProducer();
        SandboxNodeRuntime runtime = producer.sandbox(Optional.of(configured), Optional.empty());
        assertThat(producer.temporaryJars()).isEmpty();

        producer.close(runtime);
        assertThat(configured).isDirectory();
    }

    @Test
    void theHostRuntimeIsRefusedUnlessThePlatformServesOneTenant(@TempDir Path data) {
        assertThatThrownBy(() -> NodeRuntimeProducer.hostSettings(host(false, Optional.of(data))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("baas.host.single-tenant=true");
        assertThatThrownBy(() -> NodeRuntimeProducer.hostSettings(host(true, Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("baas.host.data-dir");

        io.baas.runtime.host.HostNodeRuntime.Settings settings = NodeRuntimeProducer.hostSettings(host(true, Optional.of(data)));

        assertThat(settings.dataDir()).isEqualTo(data);
        // Node processes see only what Fabric needs: never the service's own secrets.
        assertThat(settings.environment().keySet()).isSubsetOf("PATH", "HOME", "LANG", "TZ", "TMPDIR");
    }

    private static io.baas.config.BaasConfig.Host host(boolean singleTenant, Optional<Path> dataDir) {
        return new io.baas.config.BaasConfig.Host() {
            public Optional<Path> fabricHome() {
                return Optional.empty();
            }

            public Optional<Path> dataDir() {
                return dataDir;
            }

            public String address() {
                return "127.0.0.1";
            }

            public int firstPort() {
                return 20000;
            }

            public int lastPort() {
                return 20999;
            }

            public boolean singleTenant() {
                return singleTenant;
            }

            public Optional<java.util.List<String>> peerCommand() {
                return Optional.empty();
            }

            public Optional<java.util.List<String>> ordererCommand() {
                return Optional.empty();
            }

            public Optional<java.util.List<String>> chaincodeCommand() {
                return Optional.empty();
            }

            public Optional<String> chaincodeUser() {
                return Optional.empty();
            }

            public boolean stopNodesOnShutdown() {
                return false;
            }
        };
    }
}
