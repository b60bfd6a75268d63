package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.FabricEnvironmentNode;
import io.baas.pki.Identity;
import io.baas.pki.IdentityIssuer;
import io.baas.pki.IdentityRequest;
import io.baas.pki.IdentityRole;
import io.baas.pki.OrganizationCas;
import io.baas.runtime.host.HostNodeRuntime;
import io.baas.support.TestPlatform;
import io.baas.support.TradeFinance;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host runtime with its nodes as separate processes: sandbox nodes launched through the
 * runtime's own launcher from the Fabric environment it renders (as it would launch {@code bin/peer}
 * and {@code bin/orderer}), so the rendered settings, the files from custody, the ports and the
 * supervision are what is tried. A consortium's orderer and peers start, a channel is made on them,
 * a killed node is started again, and a second runtime (the service restarted) adopts the running
 * processes rather than starting them twice.
 */
class HostRuntimeNetworkTest {

    private MockCluster cluster;
    private KubernetesClient client;
    private HostNodeRuntime runtime;
    private final io.baas.fabric.admin.OrdererAdminHttpClients ordererAdmins = new io.baas.fabric.admin.OrdererAdminHttpClients(Duration.ofSeconds(20));
    private final Map<String, OrganizationCas> cas = new LinkedHashMap<>();
    @TempDir
    Path jars;
    @TempDir
    Path nodes;

    @BeforeEach
    void start() {
        cluster = new MockCluster(Organization.class, Consortium.class, PeerNode.class, OrdererNode.class, Channel.class,
                io.baas.crd.Chaincode.class);
        client = cluster.client;
        for (String name : List.of("bank-a", "bank-b")) {
            cas.put(name, cluster.organization(name));
        }
        client.resources(Consortium.class).resource(TradeFinance.consortium()).create();
        io.baas.fabric.chaincode.BuiltInChaincodes.writeJars(jars);
        new ConsortiumReconciler(client, new io.baas.k8s.Applier(client), TestPlatform.SETTINGS, Clock.systemUTC()).reconcile("trade");
    }

    /** Sandbox nodes as separate JVMs, started from the environment the runtime renders. */
    private HostNodeRuntime runtime(boolean stopNodesOnClose) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-D" + FabricEnvironmentNode.CHAINCODE_JARS + "=" + jars, FabricEnvironmentNode.class.getName());
        List<String> peer = new java.util.ArrayList<>(jvm);
        peer.addAll(List.of("peer", "node", "start"));
        List<String> orderer = new java.util.ArrayList<>(jvm);
        orderer.add("orderer");
        return new HostNodeRuntime(new HostNodeRuntime.Settings(nodes, "127.0.0.1", 21000, 21999, Optional.empty(), peer, orderer,
                Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), stopNodesOnClose), TestPlatform.SETTINGS, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        ordererAdmins.close();
        if (runtime != null) {
            runtime.close();
        }
        cluster.close();
        // Whatever a failed test left running (a runtime that released its nodes, their chaincode servers).
        ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains(FabricEnvironmentNode.class.getName()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private void runNodes(HostNodeRuntime on) {
        new OrdererNodeReconciler(client, on, TestPlatform.SETTINGS, Clock.systemUTC()).reconcile("trade-bank-a", "orderer0");
        PeerNodeReconciler peers = new PeerNodeReconciler(client, on, TestPlatform.SETTINGS, Clock.systemUTC());
        peers.reconcile("trade-bank-a", "peer0");
        peers.reconcile("trade-bank-b", "peer0");
    }

    private PeerNode peer(String namespace) {
        return client.resources(PeerNode.class).inNamespace(namespace).withName("peer0").get();
    }

    @Test
    void nodesRunAsProcessesAndCarryAChannel() throws Exception {
        runtime = runtime(true);
        runNodes(runtime);

        assertThat(peer("trade-bank-a").getStatus().phase).isEqualTo(NodeStatus.Phase.RUNNING);
        ProcessHandle peerProcess = runtime.process(peer("trade-bank-a")).orElseThrow();
        assertThat(peerProcess.pid()).isNotEqualTo(ProcessHandle.current().pid());
        Path identity = nodes.resolve("trade-bank-a/peer-peer0/identity");
        assertThat(Files.getPosixFilePermissions(identity)).containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        try (var keys = Files.walk(identity.resolve("msp/keystore"))) {
            assertThat(keys.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(key ->
                    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------"));
        }

        Channel channel = TradeFinance.channel("bank-a", "bank-b");
        client.resources(Channel.class).resource(channel).create();
        ChannelReconciler channels = new ChannelReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC(),
                new io.baas.support.RecordingKeyUseLog(), ordererAdmins);
        channels.reconcile("trade-bank-a", "trade-finance");

        Channel stored = client.resources(Channel.class).inNamespace("trade-bank-a").withName("trade-finance").get();
        assertThat(stored.getStatus().peersJoined).containsExactly("bank-a/peer0", "bank-b/peer0");
        assertThat(channelsOf("bank-b")).containsExactly("trade-finance");
    }

    @Test
    void aKilledNodeIsStartedAgainAndARestartedServiceAdoptsWhatRuns() throws Exception {
        HostNodeRuntime before = runtime(false);
        runNodes(before);
        PeerNode peer = peer("trade-bank-b");
        ProcessHandle first = before.process(peer).orElseThrow();

        first.destroyForcibly();
        first.onExit().get(30, TimeUnit.SECONDS);
        ProcessHandle second = awaitNewProcess(before, peer, first);
        assertThat(before.restarts(peer)).isEqualTo(1);
        assertThat(before.whyNotServing(peer)).isEmpty();

        // The service stops (its nodes keep running) and starts again: the same processes, none started twice.
        before.close();
        runtime = runtime(true);
        runNodes(runtime);
        assertThat(runtime.process(peer("trade-bank-b")).orElseThrow().pid()).isEqualTo(second.pid());
        assertThat(second.isAlive()).isTrue();
        assertThat(peer("trade-bank-b").getStatus().phase).isEqualTo(NodeStatus.Phase.RUNNING);
        assertThat(channelsOf("bank-b")).isEmpty();
    }

    /**
     * Files from custody that change (here the held identity is issued anew, as a renewal would) restart the node
     * with them; a pass that changes nothing leaves it be; and a service started after the files changed stops the
     * process started with the old ones rather than adopting it.
     */
    @Test
    void aNodeWhoseFilesChangedIsStartedAgainWithThem() throws Exception {
        HostNodeRuntime before = runtime(false);
        PeerNodeReconciler peers = new PeerNodeReconciler(client, before, TestPlatform.SETTINGS, Clock.systemUTC());
        peers.reconcile("trade-bank-b", "peer0");
        PeerNode peer = peer("trade-bank-b");
        ProcessHandle first = before.process(peer).orElseThrow();
        byte[] firstCert = signcert("trade-bank-b");

        peers.reconcile("trade-bank-b", "peer0");
        assertThat(before.process(peer).orElseThrow().pid()).as("nothing changed").isEqualTo(first.pid());

        forgetIdentity("bank-b", "peer0-trade-bank-b");
        peers.reconcile("trade-bank-b", "peer0");
        ProcessHandle second = before.process(peer).orElseThrow();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        first.onExit().get(30, TimeUnit.SECONDS);
        assertThat(signcert("trade-bank-b")).isNotEqualTo(firstCert);
        awaitRunning(peers);
        assertThat(before.restarts(peer)).as("a restart asked for, not one after a crash").isZero();

        // The service stops, leaving the node running; its files change before the next service starts.
        before.close();
        forgetIdentity("bank-b", "peer0-trade-bank-b");
        runtime = runtime(true);
        PeerNodeReconciler next = new PeerNodeReconciler(client, runtime, TestPlatform.SETTINGS, Clock.systemUTC());
        next.reconcile("trade-bank-b", "peer0");
        ProcessHandle third = runtime.process(peer("trade-bank-b")).orElseThrow();
        assertThat(third.pid()).isNotEqualTo(second.pid());
        second.onExit().get(30, TimeUnit.SECONDS);
        awaitRunning(next);
        assertThat(runtime.process(peer("trade-bank-b")).orElseThrow().pid()).as("passes until it answers start nothing more").isEqualTo(third.pid());
    }

    /** Until a pass finds the restarted peer answering: on a busy machine its JVM may take longer than one pass waits. */
    private void awaitRunning(PeerNodeReconciler peers) {
        io.baas.support.KubeSphereFixtures.await(() -> {
            peers.reconcile("trade-bank-b", "peer0");
            return peer("trade-bank-b").getStatus().phase == NodeStatus.Phase.RUNNING;
        }, Duration.ofMinutes(3), () -> "the restarted peer never answered: " + peer("trade-bank-b").getStatus().phase);
    }

    /** The held identity's Secret removed from custody: the next pass has a new one issued. */
    private void forgetIdentity(String organization, String custodyName) {
        client.secrets().inNamespace(TestPlatform.SETTINGS.serviceNamespace())
                .withName(io.baas.pki.k8s.IdentitySecret.name(organization, custodyName)).delete();
    }

    private byte[] signcert(String namespace) throws java.io.IOException {
        try (var files = Files.list(nodes.resolve(namespace).resolve("peer-peer0/identity/msp/signcerts"))) {
            return Files.readAllBytes(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
    }

    /** Nodes reconciled at the same time must not be given the same free ports (each checks them free before any records its own). */
    @Test
    void nodesStartedSideBySideGetPortsOfTheirOwn() throws Exception {
        // A command that ends at once: the ports are chosen and recorded all the same.
        HostNodeRuntime quick = new HostNodeRuntime(new HostNodeRuntime.Settings(nodes, "127.0.0.1", 22000, 22999, Optional.empty(),
                List.of("/bin/true"), List.of("/bin/true"), Map.of(), true), TestPlatform.SETTINGS, Clock.systemUTC());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            PeerNodeReconciler peers = new PeerNodeReconciler(client, quick, TestPlatform.SETTINGS, Clock.systemUTC());
            List<java.util.concurrent.Future<?>> passes = List.of(
                    pool.submit(() -> new OrdererNodeReconciler(client, quick, TestPlatform.SETTINGS, Clock.systemUTC())
                            .reconcile("trade-bank-a", "orderer0")),
                    pool.submit(() -> peers.reconcile("trade-bank-a", "peer0")),
                    pool.submit(() -> peers.reconcile("trade-bank-b", "peer0")));
            for (java.util.concurrent.Future<?> pass : passes) {
                pass.get(2, TimeUnit.MINUTES);
            }
            var orderer = quick.ordererAddresses(client.resources(OrdererNode.class).inNamespace("trade-bank-a").withName("orderer0").get())
                    .orElseThrow();
            List<Integer> given = List.of(orderer.client().port(), orderer.cluster().port(), orderer.admin().getPort(),
                    quick.peerAddress(peer("trade-bank-a")).orElseThrow().port(), quick.peerAddress(peer("trade-bank-b")).orElseThrow().port());
            assertThat(given).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
            quick.close();
        }
    }

    /** One service supervises a data directory: a second (another replica) is refused while the first runs. */
    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefused() {
        runtime = runtime(true);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Another ks-baas service runs the host runtime on " + nodes)
                .hasMessageContaining("one service replica");

        runtime.close();
        runtime = runtime(true);
    }

    /** The supervisor's restart, bounded generously for a busy machine (no event tells of it but the new process). */
    private static ProcessHandle awaitNewProcess(HostNodeRuntime runtime, PeerNode peer, ProcessHandle old) {
        io.baas.support.KubeSphereFixtures.await(() -> runtime.process(peer).filter(p -> p.pid() != old.pid() && p.isAlive()).isPresent(),
                Duration.ofMinutes(2), () -> "the killed peer was not started again");
        return runtime.process(peer).orElseThrow();
    }

    private List<String> channelsOf(String organization) {
        try (PeerAdminClient client = new PeerAdminClient("127.0.0.1", runtime.peerAddress(peer("trade-" + organization)).orElseThrow().port(),
                List.of(cas.get(organization).tlsCa().certificate()), Duration.ofSeconds(20), Clock.systemUTC())) {
            return client.channels(user(organization));
        }
    }

    private Signer user(String organization) {
        Identity identity = new IdentityIssuer(cas.get(organization)).issue(IdentityRequest.user(IdentityRole.USER, "User1@" + organization));
        return new EcdsaSigner(FabricIdentity.of(MockCluster.mspId(organization), identity.signing().certificate()), identity.signing().privateKey());
    }
}
