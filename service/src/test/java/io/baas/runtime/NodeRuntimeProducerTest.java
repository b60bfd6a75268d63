package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
}
