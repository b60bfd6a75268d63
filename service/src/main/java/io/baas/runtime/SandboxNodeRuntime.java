package io.baas.runtime;

import io.baas.channel.ChannelGenesis;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.error.DomainException;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.configtx.MspDescription;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.sandbox.OrdererSettings;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerSettings;
import io.baas.fabric.sandbox.common.NodeLog;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeProcesses;
import io.baas.k8s.Applier;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PeerNodeBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Multi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes inside the service (docs/architecture.md): each OrdererNode is a sandbox ordering node on loopback,
 * speaking Fabric's protocols with the node's held identity, so every Fabric flow runs without a
 * cluster. For dev mode and tests, never for production data: ledgers live in memory and are gone
 * when the service stops. Each PeerNode is a sandbox peer with its held identity, its
 * organization's MSP as local MSP, and the chaincode jars of a configured directory.
 */
public class SandboxNodeRuntime implements NodeRuntime, AutoCloseable {

    private final Map<String, OrderingNode> orderers = new ConcurrentHashMap<>();
    private final Map<String, io.baas.fabric.sandbox.PeerNode> peers = new ConcurrentHashMap<>();
    /** Why a node kept in the maps above no longer runs, by node key. */
    private final Map<String, String> stops = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Path chaincodeJars;
    private final Optional<Path> dataDirectory;
    private final ChaincodeProcesses processes;
    private final boolean temporaryProcessDirectory;

    /** @param chaincodeJars where the jars that sandbox chaincode packages name are found */
    public SandboxNodeRuntime(Clock clock, Path chaincodeJars) {
        this(clock, chaincodeJars, Optional.empty());
    }

    /**
     * @param dataDirectory where nodes keep their blocks (and peers their installed packages), one
     *        directory per node resource, {@code <dir>/<namespace>/<kind>-<name>}; empty: in memory
     */
    public SandboxNodeRuntime(Clock clock, Path chaincodeJars, Optional<Path> dataDirectory) {
        this.clock = clock;
        this.chaincodeJars = chaincodeJars;
        this.dataDirectory = dataDirectory;
        this.temporaryProcessDirectory = dataDirectory.isEmpty();
        this.processes = new ChaincodeProcesses(dataDirectory.map(d -> d.resolve("chaincode-processes")).orElseGet(SandboxNodeRuntime::temporary));
    }

    private static Path temporary() {
        try {
            return java.nio.file.Files.createTempDirectory("ks-baas-chaincode-processes");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no directory for chaincode processes", e);
        }
    }

    /**
     * Uploaded code never runs in the service's JVM, beside the custody keys: its jar is staged
     * for the peers to start as a process of its own. The shipped built-ins, whose jars are in the
     * chaincode jar directory, run in the peers.
     */
    @Override
    public void stageChaincode(io.baas.chaincode.StoredChaincodePackage stored) {
        Optional<io.baas.fabric.chaincode.SandboxJar> named = io.baas.fabric.chaincode.SandboxJar.find(stored.parsed());
        if (named.isPresent() && stored.jar().isPresent()) {
            processes.stage(named.get().jar(), stored.jar().get());
        }
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public synchronized NodeRun runPeer(PeerNode peer, PeerNodeBuilder.Inputs inputs, NodeIdentity identity) {
        String key = key(peer);
        io.baas.fabric.sandbox.PeerNode running = peers.get(key);
        if (running != null && running.isRunning()) {
            return new NodeRun(List.of(Applier.Outcome.UNCHANGED), true);
        }
        MspDescription localMsp = ChannelGenesis.msp(new ChannelGenesis.Member(identity.mspId(), identity.caPem(), identity.tlsCaPem(), List.of()));
        // Channel configs name orderers by the addresses this runtime gave them: no overrides needed.
        PeerSettings settings = PeerSettings.loopback(signer(identity), localMsp, identity.identity().tls(), Map.of(), chaincodeJars, clock)
                .withChaincodeProcesses(processes);
        peers.put(key, io.baas.fabric.sandbox.PeerNode.start(nodeDirectory(peer, "peer").map(settings::withDataDirectory).orElse(settings)));
        stops.remove(key);
        return new NodeRun(List.of(running == null ? Applier.Outcome.CREATED : Applier.Outcome.PATCHED), true);
    }

    @Override
    public Optional<HostPort> peerAddress(PeerNode peer) {
        io.baas.fabric.sandbox.PeerNode node = peers.get(key(peer));
        return node == null ? Optional.empty() : Optional.of(new HostPort("127.0.0.1", node.port()));
    }

    private static EcdsaSigner signer(NodeIdentity identity) {
        return new EcdsaSigner(FabricIdentity.of(identity.mspId(), identity.identity().signing().certificate()),
                identity.identity().signing().privateKey());
    }

    @Override
    public synchronized NodeRun runOrderer(OrdererNode orderer, OrdererNodeBuilder.Inputs inputs, NodeIdentity identity) {
        String key = key(orderer);
        OrderingNode running = orderers.get(key);
        if (running != null && running.isRunning()) {
            return new NodeRun(List.of(Applier.Outcome.UNCHANGED), true);
        }
        EcdsaSigner signer = signer(identity);
        // Its organization's admins administer its channels, as on the kubernetes runtime.
        OrdererSettings settings = OrdererSettings.loopback(signer, identity.identity().tls(), identity.tlsCas(), clock);
        OrderingNode node = OrderingNode.start(nodeDirectory(orderer, "orderer").map(settings::withDataDirectory).orElse(settings));
        orderers.put(key, node);
        stops.remove(key);
        return new NodeRun(List.of(running == null ? Applier.Outcome.CREATED : Applier.Outcome.PATCHED), true);
    }

    @Override
    public Optional<OrdererAddresses> ordererAddresses(OrdererNode orderer) {
        OrderingNode node = orderers.get(key(orderer));
        if (node == null) {
            return Optional.empty();
        }
        // No Raft in the sandbox: the consenter entry names the node's one gRPC port.
        HostPort grpc = new HostPort("127.0.0.1", node.port());
        return Optional.of(new OrdererAddresses(grpc, grpc, URI.create("https://127.0.0.1:" + node.adminPort())));
    }

    /** Loopback: clients check the node's certificate against the address they dial. */
    @Override
    public List<String> tlsHosts() {
        return List.of("127.0.0.1", "localhost");
    }

    @Override
    public synchronized NodeRun removePeer(PeerNode peer) {
        io.baas.fabric.sandbox.PeerNode node = peers.remove(key(peer));
        stops.remove(key(peer));
        if (node != null) {
            node.close();
        }
        // A node made again under this name gets a new identity: it must not find the old ledger.
        nodeDirectory(peer, "peer").ifPresent(DirectoryTrees::delete);
        return new NodeRun(List.of(node == null ? Applier.Outcome.ABSENT : Applier.Outcome.DELETED), false);
    }

    @Override
    public synchronized NodeRun removeOrderer(OrdererNode orderer) {
        OrderingNode node = orderers.remove(key(orderer));
        stops.remove(key(orderer));
        if (node != null) {
            node.close();
        }
        // Likewise for an orderer: its channels' blocks go with it.
        nodeDirectory(orderer, "orderer").ifPresent(DirectoryTrees::delete);
        return new NodeRun(List.of(node == null ? Applier.Outcome.ABSENT : Applier.Outcome.DELETED), false);
    }

    /** The node's operations endpoint on loopback (plain HTTP, as Fabric's with TLS off); empty while it does not run. */
    @Override
    public synchronized Optional<URI> operations(HasMetadata node) {
        String key = key(node);
        java.util.OptionalInt port = node instanceof PeerNode
                ? Optional.ofNullable(peers.get(key)).filter(io.baas.fabric.sandbox.PeerNode::isRunning)
                        .map(p -> java.util.OptionalInt.of(p.operationsPort())).orElse(java.util.OptionalInt.empty())
                : Optional.ofNullable(orderers.get(key)).filter(OrderingNode::isRunning)
                        .map(o -> java.util.OptionalInt.of(o.operationsPort())).orElse(java.util.OptionalInt.empty());
        return port.isPresent() ? Optional.of(URI.create("http://127.0.0.1:" + port.getAsInt())) : Optional.empty();
    }

    @Override
    public Optional<String> whyNotServing(HasMetadata node) {
        String key = key(node);
        String stop = stops.get(key);
        if (stop != null) {
            return Optional.of(stop);
        }
        boolean known = node instanceof PeerNode ? peers.containsKey(key) : orderers.containsKey(key);
        return known ? Optional.empty() : Optional.of("This sandbox has not started it (yet).");
    }

    /**
     * Stops a node's process as a crash would: it stays in place with its ledger and ports, its
     * health says it is down and why, its log ends; its reconciler's next pass starts it again, as
     * Kubernetes restarts a container. For operators trying what the console shows of a failure.
     */
    public synchronized void stop(HasMetadata node, String reason) {
        String key = key(node);
        AutoCloseable process = node instanceof PeerNode ? peers.get(key) : orderers.get(key);
        if (process == null) {
            throw DomainException.conflict(node.getKind() + " " + node.getMetadata().getName() + " is not running.");
        }
        try {
            process.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + key + ": " + e.getMessage(), e);
        }
        stops.put(key, "Stopped at " + clock.instant() + ": " + reason + "; its reconciler's next pass starts it again.");
    }

    /** The node's own log buffer: the sandbox has no container, so this is what its container's log would hold. */
    @Override
    public Multi<String> logs(HasMetadata node, LogQuery query) {
        NodeLog log = runningLog(node);
        Instant since = query.since(clock);
        if (!query.follow()) {
            return Multi.createFrom().iterable(log.tail(query.tailLines(), since).stream().map(NodeLog.Line::text).toList());
        }
        return Multi.createFrom().emitter(emitter -> {
            AutoCloseable following = log.follow(query.tailLines(), since, line -> emitter.emit(line.text()), emitter::complete);
            emitter.onTermination(() -> {
                try {
                    following.close();
                } catch (Exception e) {
                    // Only removes a follower from a list: nothing to report.
                }
            });
        });
    }

    /**
     * An uploaded package's server process, as a container's log would show it (the built-ins run
     * inside the peers, whose logs carry their lines).
     */
    @Override
    public Multi<String> chaincodeServerLogs(io.fabric8.kubernetes.api.model.apps.Deployment server, LogQuery query) {
        String name = server.getMetadata().getName();
        ChaincodeProcesses.ServerLog log = Optional.ofNullable(io.baas.k8s.build.ChaincodeServerBuilder.chaincodeId(server)).flatMap(processes::log)
                .orElseThrow(() -> DomainException.conflict("Chaincode server " + name + " does not run as a process of its own: an "
                        + "uploaded package's server starts when a peer first calls it, and a built-in runs inside the peers, whose "
                        + "logs carry its lines."));
        return LogFileLines.of(log.file(), query, log.running());
    }

    private synchronized NodeLog runningLog(HasMetadata node) {
        String key = key(node);
        NodeLog log = node instanceof PeerNode ? Optional.ofNullable(peers.get(key)).map(io.baas.fabric.sandbox.PeerNode::log).orElse(null)
                : Optional.ofNullable(orderers.get(key)).map(OrderingNode::log).orElse(null);
        if (log == null) {
            throw DomainException.conflict(node.getKind() + " " + node.getMetadata().getName() + " is not running.");
        }
        return log;
    }

    private Optional<Path> nodeDirectory(HasMetadata node, String kind) {
        return dataDirectory.map(directory -> directory.resolve(node.getMetadata().getNamespace()).resolve(kind + "-" + node.getMetadata().getName()));
    }

    private static String key(HasMetadata node) {
        return node.getMetadata().getNamespace() + "/" + node.getMetadata().getName();
    }

    @Override
    public synchronized void close() {
        peers.values().forEach(io.baas.fabric.sandbox.PeerNode::close);
        peers.clear();
        orderers.values().forEach(OrderingNode::close);
        orderers.clear();
        processes.close();
        if (temporaryProcessDirectory) {
            DirectoryTrees.delete(processes.directory());
        }
    }
}
