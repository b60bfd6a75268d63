package io.baas.support;

import io.baas.fabric.sandbox.FabricEnvironmentNode;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The host node runtime with sandbox nodes as its processes: each peer and orderer a JVM of its
 * own, started by the runtime from the Fabric environment it renders, through the launcher that
 * stands in for {@code bin/peer} and {@code bin/orderer} (no machine here has Fabric's binaries).
 * Chaincodes run as the runtime's server processes, which the peers dial (they hold no jar).
 * Nodes are stopped with the service, so no test leaves processes behind.
 */
public class HostRuntimeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path root = temporary();
        // No jar for the peers to load: each chaincode runs as the host's server process, which they dial.
        Path jars = root.resolve("no-chaincode-jars");
        try {
            Files.createDirectories(jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jvm = String.join(",", java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "-D" + FabricEnvironmentNode.CHAINCODE_JARS + "=" + jars,
                FabricEnvironmentNode.class.getName());
        return Map.of("baas.runtime.nodes", "host",
                "baas.host.single-tenant", "true",
                "baas.host.data-dir", root.resolve("nodes").toString(),
                "baas.host.first-port", "23000",
                "baas.host.last-port", "23999",
                "baas.host.peer-command", jvm + ",peer,node,start",
                "baas.host.orderer-command", jvm + ",orderer",
                "baas.host.stop-nodes-on-shutdown", "true");
    }

    /** Removed when the test JVM ends, after the service stopped its nodes. */
    private static Path temporary() {
        try {
            Path root = Files.createTempDirectory("ks-baas-host-runtime");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(root)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory: the system cleans it eventually
                }
            }));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
