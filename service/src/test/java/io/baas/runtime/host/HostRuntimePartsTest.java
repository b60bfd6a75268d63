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
    void aPeersCoreYamlNamesTheHostsCcaasBuilderAndKeepsTheRest(@TempDir Path node) throws IOException {
        FabricRelease release = release("v2.5.5");
        HostNodeDirectory directory = new HostNodeDirectory(node.resolve("peer"));
        directory.create();

        Path builder = HostCcaasBuilder.write(release, node);
        Path written = PeerConfigFile.write(release, builder, directory);

        JsonNode core = new ObjectMapper(new YAMLFactory()).readTree(written.toFile());
        assertThat(core.at("/chaincode/externalBuilders")).hasSize(1);
        assertThat(core.at("/chaincode/externalBuilders/0/path").asText()).isEqualTo(node.resolve(".builders/ccaas").toString());
        assertThat(core.at("/chaincode/externalBuilders/0/propagateEnvironment").toString())
                .isEqualTo("[\"CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG\",\"KS_BAAS_CHAINCODE_SERVERS\"]");
        assertThat(core.at("/chaincode/mode").asText()).isEqualTo("net");
        assertThat(core.at("/peer/id").asText()).isEqualTo("jdoe");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
    }

    /**
     * The host's builder runs the release's steps, then points the released connection.json at the
     * port the host runs the named server on; a server the host does not run fails the release (and
     * so the install) with the reason. The release's step here does what Fabric's does: it copies
     * the built connection.json (Go's compact JSON, address first) into the release folder.
     */
    @Test
    void theHostsBuilderPointsTheReleasedConnectionAtTheServersPort(@TempDir Path data) throws Exception {
        FabricRelease release = release("v2.5.5");
        script("builders/ccaas/bin/release", "mkdir -p \"$2/chaincode/server\" && cp \"$1/connection.json\" \"$2/chaincode/server/\"");
        Path builder = HostCcaasBuilder.write(release, data);
        Path built = Files.createDirectories(data.resolve("build"));
        String pem = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n";
        Files.writeString(built.resolve("connection.json"), "{\"address\":\"notarization.trade-bank:9999\",\"dial_timeout\":\"10s\","
                + "\"tls_required\":true,\"client_auth_required\":false,\"root_cert\":\"" + pem + "\",\"client_key\":\"\",\"client_cert\":\"\"}");
        Path servers = data.resolve(".chaincode-servers");
        io.baas.fabric.chaincode.ChaincodeServerMap.write(servers, Map.of("notarization.trade-bank:9999", "127.0.0.1:23107",
                "notarization.trade-ship:9999", "127.0.0.1:23108"));

        Path released = data.resolve("release");
        Process run = releaseStep(builder, built, released, servers);
        assertThat(run.waitFor()).as(new String(run.getErrorStream().readAllBytes())).isZero();
        JsonNode connection = new ObjectMapper().readTree(released.resolve("chaincode/server/connection.json").toFile());
        assertThat(connection.path("address").asText()).isEqualTo("127.0.0.1:23107");
        assertThat(connection.path("root_cert").asText()).isEqualTo(pem.replace("\\n", "\n"));
        assertThat(connection.path("tls_required").asBoolean()).isTrue();

        io.baas.fabric.chaincode.ChaincodeServerMap.write(servers, Map.of("notarization.trade-ship:9999", "127.0.0.1:23108"));
        Process refused = releaseStep(builder, built, data.resolve("release-2"), servers);
        assertThat(refused.waitFor()).isEqualTo(1);
        assertThat(new String(refused.getErrorStream().readAllBytes()))
                .contains("no chaincode server runs for notarization.trade-bank:9999 on this host");
    }

    private static Process releaseStep(Path builder, Path built, Path released, Path servers) throws IOException {
        Files.createDirectories(released);
        ProcessBuilder step = new ProcessBuilder(builder.resolve("bin/release").toString(), built.toString(), released.toString());
        step.environment().put("KS_BAAS_CHAINCODE_SERVERS", servers.toString());
        return step.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
