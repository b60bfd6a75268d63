package io.baas.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.LaunchMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesModeTest {

    @TempDir
    Path home;

    @Test
    void devModeWithoutAnyClusterIsEmbedded() {
        assertThat(KubernetesMode.defaultEmbedded(LaunchMode.DEVELOPMENT, Map.of(), home)).isTrue();
        assertThat(KubernetesMode.defaultEmbedded(LaunchMode.TEST, Map.of(), home)).isTrue();
    }

    @Test
    void aKubeconfigMeansARealCluster() throws IOException {
        assertThat(KubernetesMode.defaultEmbedded(LaunchMode.DEVELOPMENT, Map.of("KUBECONFIG", "/somewhere"), home)).isFalse();
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\nkind: Config\n");
        assertThat(KubernetesMode.defaultEmbedded(LaunchMode.DEVELOPMENT, Map.of(), home)).isFalse();
    }

    @Test
    void thePackagedServiceNeverFallsBackToEmbedded() {
        assertThat(KubernetesMode.defaultEmbedded(LaunchMode.NORMAL, Map.of(), home)).isFalse();
    }
}
