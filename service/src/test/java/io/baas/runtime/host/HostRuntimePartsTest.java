package io.baas.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.baas.error.DomainException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host runtime's checks of a Fabric release, its peers' core.yaml, and its ports. */
class HostRuntimePartsTest {

    @TempDir
    Path home;

    /** A release's layout with a bin/peer that prints {@code version} as Fabric's does. */
    private FabricRelease release(String version) throws IOException {
        for (String executable : List.of("bin/orderer", "builders/ccaas/bin/detect", "builders/ccaas/bin/build", "builders/ccaas/bin/release")) {
            script(executable, "exit 0");
        }
        script("bin/peer", "printf 'peer:\\n Version: " + version + "\\n Commit SHA: 4072367\\n Go version: go1.20.7\\n'");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/core.yaml"), """
                peer:
                  id: jdoe
                chaincode:
                  mode: net
                  externalBuilders:
                    - name: ccaas_builder
                      path: /opt/hyperledger/ccaas_builder
                      propagateEnvironment:
                        - CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG
                vm:
                  endpoint: unix:///var/run/docker.sock
                """);
        Files.writeString(home.resolve("config/orderer.yaml"), "General:\n  ListenPort: 7050\n");
        return new FabricRelease(home);
    }

    private void script(String path, String body) throws IOException {
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aFabric25ReleaseIsAcceptedWithItsVersion() throws IOException {
        assertThat(release("v2.5.5").verify()).isEqualTo("2.5.5");
        assertThat(FabricRelease.version(" Version: 2.5.10\n")).isEqualTo("2.5.10");
    }

    @Test
    void anotherVersionIsRefusedWithWhatIsExpected() throws IOException {
        assertThatThrownBy(() -> release("v2.4.9").verify()).isInstanceOf(DomainException.class)
                .hasMessageContaining("holds Fabric 2.4.9").hasMessageContaining("runs Fabric 2.5.x");
    }

    @Test
    void aFolderThatIsNoReleaseSaysWhatIsMissing() throws IOException {
        release("v2.5.5");
        Files.delete(home.resolve("bin/peer"));
        Files.delete(home.resolve("config/orderer.yaml"));

        assertThatThrownBy(() -> new FabricRelease(home).verify()).isInstanceOf(DomainException.class)
                .hasMessageContaining("is not a Fabric 2.5 release").hasMessageContaining("bin/peer (executable)")
                .hasMessageContaining("config/orderer.yaml").hasMessageContaining("FABRIC_HOME");
    }

    /** What a consortium's status says when the runtime can run no node: the release's own complaint, or that there is none. */
    @Test
    void theRuntimeSaysWhyItCanRunNoNode(@TempDir Path data) throws IOException {
        FabricRelease old = release("v2.4.9");
        assertThat(unavailable(data.resolve("a"), Optional.of(old), List.of())).hasValueSatisfying(why ->
                assertThat(why).contains("holds Fabric 2.4.9").contains("runs Fabric 2.5.x"));
        assertThat(unavailable(data.resolve("b"), Optional.empty(), List.of())).hasValueSatisfying(why ->
                assertThat(why).contains("no Fabric release").contains("FABRIC_HOME"));
        assertThat(unavailable(data.resolve("c"), Optional.of(release("v2.5.5")), List.of())).isEmpty();
        assertThat(unavailable(data.resolve("d"), Optional.empty(), List.of("/bin/true"))).as("commands of its own need no release").isEmpty();
    }

    private static Optional<String> unavailable(Path data, Optional<FabricRelease> release, List<String> command) {
        try (HostNodeRuntime runtime = new HostNodeRuntime(new HostNodeRuntime.Settings(data, "127.0.0.1", 23000, 23999, release,
                command, command, Map.of(), true), io.baas.support.TestPlatform.SETTINGS, java.time.Clock.systemUTC())) {
            return runtime.unavailable();
        }
    }

    @Test
    void aPeersCoreYamlNamesTheReleasesCcaasBuilderAndKeepsTheRest(@TempDir Path node) throws IOException {
        FabricRelease release = release("v2.5.5");
        HostNodeDirectory directory = new HostNodeDirectory(node);
        directory.create();

        Path written = PeerConfigFile.write(release, directory);

        JsonNode core = new ObjectMapper(new YAMLFactory()).readTree(written.toFile());
        assertThat(core.at("/chaincode/externalBuilders")).hasSize(1);
        assertThat(core.at("/chaincode/externalBuilders/0/path").asText()).isEqualTo(home.resolve("builders/ccaas").toString());
        assertThat(core.at("/chaincode/externalBuilders/0/propagateEnvironment/0").asText()).isEqualTo("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG");
        assertThat(core.at("/chaincode/mode").asText()).isEqualTo("net");
        assertThat(core.at("/peer/id").asText()).isEqualTo("jdoe");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
    }

    @Test
    void portsInUseOrGivenToAnotherNodeAreSkipped() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int busy = taken.getLocalPort();
            HostPorts ports = new HostPorts("127.0.0.1", busy, Math.min(65535, busy + 20));

            List<Integer> chosen = ports.choose(3, Set.of(busy + 1));

            assertThat(chosen).hasSize(3).doesNotContain(busy, busy + 1).isSorted();
        }
    }

    @Test
    void aRangeWithTooFewFreePortsIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int busy = taken.getLocalPort();
            HostPorts ports = new HostPorts("127.0.0.1", busy, busy);

            assertThatThrownBy(() -> ports.choose(1, Set.of())).isInstanceOf(DomainException.class)
                    .hasMessageContaining("no 1 free ports left");
        }
        assertThatThrownBy(() -> new HostPorts("127.0.0.1", 30000, 20000)).isInstanceOf(IllegalArgumentException.class);
    }
}
