package io.baas.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.error.DomainException;
import io.baas.fabric.chaincode.BuiltInChaincodes;
import io.baas.fabric.chaincode.ChaincodeServerMap;
import io.baas.runtime.ChaincodeServerLaunch;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chaincode server on the host, apart from the peers: its jar run as a process, its port in the
 * organization's server map, adopted by a restarted service, removed with its entry; and, when a
 * system user is configured, running as that user with its files handed to it.
 */
class HostChaincodeServerTest {

    private static final String NAMESPACE = "trade-bank";
    private static final Duration BOUND = Duration.ofMinutes(2);

    @TempDir
    Path temporary;

    private HostNodeRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private HostNodeRuntime runtime(Path data, Optional<String> user, boolean stopOnClose) {
        return new HostNodeRuntime(new HostNodeRuntime.Settings(data, "127.0.0.1", 24000, 24999, Optional.empty(), List.of("/bin/true"),
                List.of("/bin/true"), Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), stopOnClose,
                HostNodeRuntime.Settings.defaultChaincodeCommand(), user), TestPlatform.SETTINGS, Clock.systemUTC());
    }

    private static ChaincodeServerLaunch notarization() {
        BuiltInChaincodes.BuiltIn builtIn = BuiltInChaincodes.find("notarization").orElseThrow();
        return new ChaincodeServerLaunch(NAMESPACE, "notarization", "notarization." + NAMESPACE + ":9999", builtIn.packageId(),
                BuiltInChaincodes.jar(builtIn.definition()), Optional.empty());
    }

    /** A pass answers whether it serves; a slow start is looked at again, as its reconciler does. */
    private static void awaitServing(HostNodeRuntime on, ChaincodeServerLaunch launch) {
        KubeSphereFixtures.await(() -> on.runChaincodeServer(launch), BOUND, () -> "the chaincode server never served");
    }

    @Test
    void aServerRunsFromItsJarIsMappedAdoptedAndRemoved() throws IOException {
        Path data = temporary.resolve("nodes");
        HostNodeRuntime first = runtime(data, Optional.empty(), false);
        awaitServing(first, notarization());
        ProcessHandle server = first.chaincodeServerProcess(NAMESPACE, "notarization").orElseThrow();
        String target = ChaincodeServerMap.read(first.serverMap(NAMESPACE)).get("notarization." + NAMESPACE + ":9999");
        assertThat(target).startsWith("127.0.0.1:24");
        assertThat(server.info().commandLine().orElse("")).contains("-jar").contains("server.jar");
        try (var entries = Files.list(data.resolve(NAMESPACE).resolve("chaincode-notarization"))) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("server.jar", "node.json", "node.log");
        }
        first.close(); // the service stops: its servers keep running

        runtime = runtime(data, Optional.empty(), true);
        awaitServing(runtime, notarization());
        assertThat(runtime.chaincodeServerProcess(NAMESPACE, "notarization")).as("adopted, not started twice").hasValue(server);
        assertThat(ChaincodeServerMap.read(runtime.serverMap(NAMESPACE))).containsEntry("notarization." + NAMESPACE + ":9999", target);

        runtime.removeChaincodeServer(NAMESPACE, "notarization");

        KubeSphereFixtures.await(() -> !server.isAlive(), BOUND, () -> "the removed server still runs");
        assertThat(ChaincodeServerMap.read(runtime.serverMap(NAMESPACE))).isEmpty();
        assertThat(data.resolve(NAMESPACE).resolve("chaincode-notarization")).doesNotExist();
    }

    @Test
    void aConfiguredUserRunsTheServerOwnsOnlyItsFilesAndIsAdopted() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "starting a chaincode server as another user needs root; this test runs as " + System.getProperty("user.name"));
        // The operator's part: the data directory's parents let the user pass.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwx--x--x"));
        Path data = temporary.resolve("nodes");
        HostNodeRuntime first = runtime(data, Optional.of("nobody"), false);

        awaitServing(first, notarization());

        ProcessHandle server = first.chaincodeServerProcess(NAMESPACE, "notarization").orElseThrow();
        KubeSphereFixtures.await(() -> server.info().user().orElse("").equals("nobody"), BOUND,
                () -> "the server runs as " + server.info().user().orElse("?"));
        Path folder = data.resolve(NAMESPACE).resolve("chaincode-notarization");
        assertThat(Files.getOwner(folder.resolve("server.jar")).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("server.jar")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(NAMESPACE)))).isEqualTo("rwx--x--x");
        assertThat(Files.getOwner(folder.resolve("node.json")).getName()).as("the service's record stays its own").isEqualTo("root");
        first.close();

        runtime = runtime(data, Optional.of("nobody"), true);
        awaitServing(runtime, notarization());
        assertThat(runtime.chaincodeServerProcess(NAMESPACE, "notarization")).as("adopted, not started twice").hasValue(server);
    }

    @Test
    void anUnknownUserIsRefusedAtStartWithTheReason() {
        assertThatThrownBy(() -> runtime(temporary.resolve("nodes"), Optional.of("no-such-user-ks-baas"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-user-ks-baas is not a user of this system");
    }

    @Test
    void aServiceThatCannotHandOverTheFolderSaysSo() {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "as root the hand-over succeeds");
        runtime = runtime(temporary.resolve("nodes"), Optional.of("nobody"), true);
        assertThatThrownBy(() -> runtime.runChaincodeServer(notarization())).isInstanceOf(DomainException.class)
                .hasMessageContaining("needs the service to run as root");
    }
}
