package io.baas.runtime.host;

import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.error.DomainException;
import io.baas.fabric.chaincode.ChaincodeServerMap;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.node.NodeFolders;
import io.baas.fabric.node.OrdererNodeSettings;
import io.baas.fabric.node.PeerNodeSettings;
import io.baas.fabric.tls.TlsMaterial;
import io.baas.k8s.Applier;
import io.baas.k8s.build.OrdererNodeBuilder;
import io.baas.k8s.build.PeerNodeBuilder;
import io.baas.k8s.build.PlatformSettings;
import io.baas.runtime.ChaincodeServerLaunch;
import io.baas.runtime.ChaincodeServerRuntime;
import io.baas.runtime.DirectoryTrees;
import io.baas.runtime.LogFileLines;
import io.baas.runtime.LogQuery;
import io.baas.runtime.NodeIdentity;
import io.baas.runtime.NodeRun;
import io.baas.runtime.NodeRuntime;
import io.baas.runtime.OrdererAddresses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.mutiny.Multi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * Fabric nodes as processes on this machine (docs/host-runtime.md): each PeerNode and OrdererNode
 * gets a working directory with its MSP and TLS files from custody (owner-only), ports from the
 * configured range, and the same Fabric settings the Kubernetes builders put into its pod
 * ({@link PeerNodeSettings}, {@link OrdererNodeSettings}) as its process's environment. The process
 * is supervised (restarted with back-off when it dies); it is running once its operations
 * endpoint's {@code /healthz} answers 200. A restarted service adopts the processes still running
 * (recorded pid and command line) instead of starting them twice. For one trusted tenant on one
 * machine, and one service replica (it claims its data directory): every organization's keys are files here.
 */
public final class HostNodeRuntime implements NodeRuntime, ChaincodeServerRuntime, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostNodeRuntime.class);
    /** How long a pass waits for a node it started to answer before it reports it still deploying. */
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOG_CHECK = Duration.ofSeconds(30);
    private static final String NO_RELEASE =
            "The host runtime has no Fabric release: set baas.host.fabric-home (env FABRIC_HOME) to an unpacked Fabric 2.5 release.";
    /** The state database: LevelDB inside the peer (no CouchDB on the host). */
    private static final String STATE_DATABASE = "goleveldb";
    private static final String CHAINCODE_PORT = "chaincode";
    private static final String SERVER_JAR = "server.jar";

    /**
     * What the runtime is configured with.
     *
     * @param release the Fabric release nodes start from, when the commands are its binaries
     * @param environment what every node process gets besides its Fabric settings (PATH, HOME; never the service's secrets)
     */
    public record Settings(Path dataDir, String address, int firstPort, int lastPort, Optional<FabricRelease> release,
                           List<String> peerCommand, List<String> ordererCommand, Map<String, String> environment,
                           boolean stopNodesOnShutdown, List<String> chaincodeCommand, Optional<String> chaincodeUser) {

        public Settings {
            peerCommand = List.copyOf(peerCommand);
            ordererCommand = List.copyOf(ordererCommand);
            environment = Map.copyOf(environment);
            chaincodeCommand = List.copyOf(chaincodeCommand);
        }

        /** Chaincode servers started by this JVM's own {@code java}. */
        public Settings(Path dataDir, String address, int firstPort, int lastPort, Optional<FabricRelease> release,
                        List<String> peerCommand, List<String> ordererCommand, Map<String, String> environment,
                        boolean stopNodesOnShutdown) {
            this(dataDir, address, firstPort, lastPort, release, peerCommand, ordererCommand, environment, stopNodesOnShutdown,
                    defaultChaincodeCommand(), Optional.empty());
        }

        /** The service's own Java, a bounded heap; the server's jar follows. */
        public static List<String> defaultChaincodeCommand() {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC", "-jar");
        }
    }

    /**
     * One node (or chaincode server) this runtime runs: where it lives, how it is reached, and its
     * process. A chaincode server has no operations endpoint: it serves once its port accepts.
     */
    private record Node(HostNodeDirectory directory, Map<String, Integer> ports, boolean operationsTls, List<X509Certificate> tlsCas,
                        boolean chaincodeServer, String fingerprint, SupervisedProcess process) {
    }

    private final Settings settings;
    private final PlatformSettings platform;
    private final HostPorts ports;
    private final Clock clock;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final DataDirectoryLock claim;
    private final Optional<ChaincodeUser> chaincodeUser;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "host-runtime-restarts");
        thread.setDaemon(true);
        return thread;
    });

    public HostNodeRuntime(Settings settings, PlatformSettings platform, Clock clock) {
        this.settings = settings;
        this.platform = platform;
        this.ports = new HostPorts(settings.address(), settings.firstPort(), settings.lastPort());
        this.clock = clock;
        this.chaincodeUser = settings.chaincodeUser().map(ChaincodeUser::of);
        this.claim = DataDirectoryLock.claim(settings.dataDir());
        timers.scheduleWithFixedDelay(this::rotateLogs, LOG_CHECK.toSeconds(), LOG_CHECK.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Nodes' logs past the limit rotated while they run (a busy peer writes megabytes an hour). */
    private void rotateLogs() {
        nodes.values().forEach(node -> node.process().rotateLogIfLarge());
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public NodeRun runPeer(PeerNode peer, PeerNodeBuilder.Inputs inputs, NodeIdentity identity) {
        HostNodeDirectory directory = directory(peer, "peer");
        return run(key(peer), directory, List.of("peer", "chaincode", "operations"), inputs.operationsTls(), identity.tlsCas(), false,
                directory.identity(), HostNodeDirectory.files(inputs.material()), given -> {
            PeerNodeSettings fabric = new PeerNodeSettings(peer.getMetadata().getName(), inputs.mspId(), folders(directory),
                    settings.address(), new PeerNodeSettings.Ports(given.get("peer"), given.get("chaincode"), given.get("operations")),
                    settings.address() + ":" + given.get("peer"), List.of(), inputs.operationsTls(),
                    PeerNodeBuilder.builderConfig(peer, inputs, platform).json());
            Map<String, String> env = new LinkedHashMap<>(fabric.environment());
            env.put("CORE_LEDGER_STATE_STATEDATABASE", STATE_DATABASE);
            env.put(ChaincodeServerMap.ENV, serverMap(peer.getMetadata().getNamespace()).toString());
            settings.release().ifPresent(release -> env.put("FABRIC_CFG_PATH",
                    PeerConfigFile.write(release, HostCcaasBuilder.write(release, settings.dataDir()), directory).getParent().toString()));
            return new SupervisedProcess.Launch(command(settings.peerCommand(), release -> List.of(release.peer().toString(), "node", "start")),
                    withBase(env), directory.root(), directory.log());
        });
    }

    @Override
    public NodeRun runOrderer(OrdererNode orderer, OrdererNodeBuilder.Inputs inputs, NodeIdentity identity) {
        HostNodeDirectory directory = directory(orderer, "orderer");
        return run(key(orderer), directory, List.of("client", "cluster", "admin", "operations"), inputs.operationsTls(), identity.tlsCas(),
                false, directory.identity(), HostNodeDirectory.files(inputs.material()), given -> {
            OrdererNodeSettings fabric = new OrdererNodeSettings(inputs.mspId(), folders(directory), settings.address(),
                    new OrdererNodeSettings.Ports(given.get("client"), given.get("cluster"), given.get("admin"), given.get("operations")),
                    inputs.operationsTls());
            Map<String, String> env = new LinkedHashMap<>(fabric.environment());
            settings.release().ifPresent(release -> env.put("FABRIC_CFG_PATH", release.config().toString()));
            return new SupervisedProcess.Launch(command(settings.ordererCommand(), release -> List.of(release.orderer().toString())),
                    withBase(env), directory.root(), directory.log());
        });
    }

    private interface LaunchPlan {
        SupervisedProcess.Launch launch(Map<String, Integer> ports);
    }

    /**
     * The steps of a pass for one node: its directory, ports and files from custody, then what its
     * process is to be started with. A node running with exactly that is left alone (it only says
     * whether it answers); one running with anything else is stopped and started anew. A process a
     * previous service left running is adopted when it was started with the same; otherwise it is
     * stopped. Then a short wait for it to answer.
     */
    private NodeRun run(String key, HostNodeDirectory directory, List<String> portNames, boolean operationsTls, List<X509Certificate> tlsCas,
                        boolean chaincodeServer, Path filesBase, Map<String, byte[]> files, LaunchPlan plan) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (chaincodeServer) {
                directory.createRoot();
            } else {
                directory.create();
            }
            HostNodeDirectory.Record record = recordOf(directory, portNames);
            directory.writeFiles(filesBase, files);
            SupervisedProcess.Launch launch = plan.launch(record.ports());
            String fingerprint = LaunchFingerprint.of(launch, files);
            Node known = nodes.get(key);
            if (known != null && known.fingerprint().equals(fingerprint)) {
                return new NodeRun(List.of(Applier.Outcome.UNCHANGED), known.process().alive() && healthy(known));
            }
            if (known != null) {
                LOG.infof("Host node %s: its settings or files from custody changed; starting it again", key);
                known.process().stop();
            }
            SupervisedProcess process = new SupervisedProcess(key, launch, timers, clock, handle -> remember(directory, handle, fingerprint));
            Node started = new Node(directory, record.ports(), operationsTls, tlsCas, chaincodeServer, fingerprint, process);
            nodes.put(key, started);
            Optional<ProcessHandle> left = known == null ? leftRunning(record) : Optional.empty();
            Applier.Outcome outcome;
            if (left.isPresent() && fingerprint.equals(record.fingerprint())) {
                LOG.infof("Host node %s: adopting its process %d, still running", key, left.get().pid());
                process.adopt(left.get());
                outcome = Applier.Outcome.UNCHANGED;
            } else {
                left.ifPresent(stale -> {
                    LOG.infof("Host node %s: its process %d was started with other settings or files; stopping it", key, stale.pid());
                    terminate(stale);
                });
                LOG.infof("Host node %s: starting %s", key, launch.command().get(0));
                process.start();
                outcome = known == null && left.isEmpty() ? Applier.Outcome.CREATED : Applier.Outcome.PATCHED;
            }
            return new NodeRun(List.of(outcome), awaitHealthy(started));
        }
    }

    /**
     * The node's record, with ports chosen now when it has none. Choosing and recording happen
     * under one lock for the whole runtime: two nodes started side by side would otherwise pick the
     * same free ports.
     */
    private HostNodeDirectory.Record recordOf(HostNodeDirectory directory, List<String> portNames) {
        synchronized (ports) {
            Optional<HostNodeDirectory.Record> kept = directory.record().filter(r -> r.ports().keySet().containsAll(portNames));
            if (kept.isPresent()) {
                return kept.get();
            }
            HostNodeDirectory.Record chosen = newRecord(portNames);
            directory.write(chosen);
            return chosen;
        }
    }

    private HostNodeDirectory.Record newRecord(List<String> portNames) {
        List<Integer> chosen = ports.choose(portNames.size(), givenPorts());
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < portNames.size(); i++) {
            byName.put(portNames.get(i), chosen.get(i));
        }
        return new HostNodeDirectory.Record(byName, 0, "", null, null);
    }

    /** Ports of every node with a directory here, running or not: a node keeps its ports. */
    private Set<Integer> givenPorts() {
        Set<Integer> given = new HashSet<>();
        if (!Files.isDirectory(settings.dataDir())) {
            return given;
        }
        try (Stream<Path> namespaces = Files.list(settings.dataDir())) {
            for (Path namespace : namespaces.filter(Files::isDirectory).toList()) {
                try (Stream<Path> folders = Files.list(namespace)) {
                    folders.filter(Files::isDirectory).map(HostNodeDirectory::new).map(HostNodeDirectory::record)
                            .flatMap(Optional::stream).forEach(r -> given.addAll(r.ports().values()));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + settings.dataDir(), e);
        }
        return given;
    }

    /** The process a previous service started for this node, when it still runs the recorded command line. */
    private static Optional<ProcessHandle> leftRunning(HostNodeDirectory.Record record) {
        if (record.pid() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(current -> current.equals(record.commandLine())
                        || current.equals(afterSetpriv(record.commandLine()))).orElse(false));
    }

    /**
     * A chaincode server started as another user was recorded either as setpriv or as what setpriv
     * became (it executes the server in its own place): both are the same process.
     */
    private static String afterSetpriv(String commandLine) {
        int separator = commandLine.indexOf(" -- ");
        String program = commandLine.split(" ", 2)[0];
        return (program.equals("setpriv") || program.endsWith("/setpriv")) && separator > 0 ? commandLine.substring(separator + 4) : commandLine;
    }

    private void remember(HostNodeDirectory directory, ProcessHandle handle, String fingerprint) {
        directory.record().ifPresent(record -> directory.write(record.withProcess(handle.pid(),
                handle.info().commandLine().orElse(""), clock.instant(), fingerprint)));
    }

    /** A release must be there and hold Fabric 2.5 unless both node commands are configured (the tests' launcher). */
    @Override
    public Optional<String> unavailable() {
        if (!settings.peerCommand().isEmpty() && !settings.ordererCommand().isEmpty()) {
            return Optional.empty();
        }
        try {
            settings.release().orElseThrow(() -> DomainException.conflict(NO_RELEASE)).verify();
            return Optional.empty();
        } catch (DomainException e) {
            return Optional.of(e.getMessage());
        }
    }

    private List<String> command(List<String> configured, java.util.function.Function<FabricRelease, List<String>> fromRelease) {
        if (!configured.isEmpty()) {
            return configured;
        }
        FabricRelease release = settings.release().orElseThrow(() -> DomainException.conflict(NO_RELEASE));
        release.verify();
        return fromRelease.apply(release);
    }

    private Map<String, String> withBase(Map<String, String> fabric) {
        Map<String, String> env = new LinkedHashMap<>(settings.environment());
        env.putAll(fabric);
        return env;
    }

    private static NodeFolders folders(HostNodeDirectory directory) {
        return new NodeFolders(directory.identity().toString(), directory.data().toString());
    }

    private boolean awaitHealthy(Node node) {
        Instant deadline = clock.instant().plus(READY_WAIT);
        while (clock.instant().isBefore(deadline)) {
            if (healthy(node)) {
                return true;
            }
            try {
                node.process().process().map(ProcessHandle::onExit).orElseThrow().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                return false; // it ended: its supervisor starts it again, and a later pass finds it
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Fabric's operations endpoint answers /healthz with 200 when the node and its checkers are
     * fine; a chaincode server, which has none, when its port accepts a connection.
     */
    private boolean healthy(Node node) {
        if (node.chaincodeServer()) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(settings.address(), node.ports().get(CHAINCODE_PORT)),
                        (int) HEALTH_TIMEOUT.toMillis());
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }
        try {
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT);
            if (node.operationsTls()) {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, TlsMaterial.trustManagers(node.tlsCas()), null);
                client.sslContext(tls);
            }
            HttpResponse<Void> response = client.build().send(HttpRequest.newBuilder(operationsUri(node).resolve("/healthz"))
                    .timeout(HEALTH_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException | GeneralSecurityException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI operationsUri(Node node) {
        return URI.create((node.operationsTls() ? "https" : "http") + "://" + settings.address() + ":" + node.ports().get("operations"));
    }

    @Override
    public Optional<OrdererAddresses> ordererAddresses(OrdererNode orderer) {
        return recordedPorts(orderer, "orderer").map(given -> new OrdererAddresses(new HostPort(settings.address(), given.get("client")),
                new HostPort(settings.address(), given.get("cluster")), URI.create("https://" + settings.address() + ":" + given.get("admin"))));
    }

    @Override
    public Optional<HostPort> peerAddress(PeerNode peer) {
        return recordedPorts(peer, "peer").map(given -> new HostPort(settings.address(), given.get("peer")));
    }

    private Optional<Map<String, Integer>> recordedPorts(HasMetadata node, String kind) {
        Node known = nodes.get(key(node));
        return known != null ? Optional.of(known.ports()) : directory(node, kind).record().map(HostNodeDirectory.Record::ports);
    }

    /** The nodes' certificates must carry the address clients dial. */
    @Override
    public List<String> tlsHosts() {
        return settings.address().equals("127.0.0.1") ? List.of("127.0.0.1", "localhost") : List.of(settings.address(), "localhost");
    }

    @Override
    public NodeRun removePeer(PeerNode peer) {
        return remove(peer, "peer");
    }

    @Override
    public NodeRun removeOrderer(OrdererNode orderer) {
        return remove(orderer, "orderer");
    }

    private NodeRun remove(HasMetadata node, String kind) {
        return remove(key(node), directory(node, kind));
    }

    private NodeRun remove(String key, HostNodeDirectory directory) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Node known = nodes.remove(key);
            if (known != null) {
                known.process().stop();
            } else {
                directory.record().flatMap(HostNodeRuntime::leftRunning).ifPresent(HostNodeRuntime::terminate);
            }
            boolean existed = known != null || Files.isDirectory(directory.root());
            // A node made again under this name gets a new identity: it must not find the old ledger.
            DirectoryTrees.delete(directory.root());
            return new NodeRun(List.of(existed ? Applier.Outcome.DELETED : Applier.Outcome.ABSENT), false);
        }
    }

    private static void terminate(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    @Override
    public Multi<String> logs(HasMetadata node, LogQuery query) {
        Node known = nodes.get(key(node));
        if (known == null || !Files.isRegularFile(known.directory().log())) {
            throw DomainException.conflict(node.getKind() + " " + node.getMetadata().getName() + " is not running.");
        }
        return LogFileLines.of(known.directory().log(), query, known.process()::alive);
    }

    @Override
    public Multi<String> chaincodeServerLogs(io.fabric8.kubernetes.api.model.apps.Deployment server, LogQuery query) {
        Node known = nodes.get(serverKey(server.getMetadata().getNamespace(), server.getMetadata().getName()));
        if (known == null || !Files.isRegularFile(known.directory().log())) {
            throw DomainException.conflict("Chaincode server " + server.getMetadata().getName() + " is not running.");
        }
        return LogFileLines.of(known.directory().log(), query, known.process()::alive);
    }

    /**
     * The server's jar runs as a process with Fabric's CCaaS environment (its address, the package ID,
     * TLS key and certificate when its peers require TLS), on a port of the range kept for its life;
     * the address its package names is mapped to that port in the host's server map, where the peers'
     * builder looks it up. Supervised, adopted and restarted on changed files as a node is.
     */
    @Override
    public boolean runChaincodeServer(ChaincodeServerLaunch launch) {
        HostNodeDirectory directory = serverDirectory(launch.namespace(), launch.server());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(SERVER_JAR, launch.jar());
        launch.tls().ifPresent(tls -> {
            files.put("tls/server.crt", tls.certificateChainPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            files.put("tls/server.key", tls.privateKeyPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
        NodeRun run = run(serverKey(launch.namespace(), launch.server()), directory, List.of(CHAINCODE_PORT), false, List.of(), true,
                directory.root(), files, given -> {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("CHAINCODE_SERVER_ADDRESS", settings.address() + ":" + given.get(CHAINCODE_PORT));
            env.put("CORE_CHAINCODE_ID_NAME", launch.packageId());
            if (launch.tls().isPresent()) {
                env.put("CHAINCODE_TLS_CERT", directory.root().resolve("tls/server.crt").toString());
                env.put("CHAINCODE_TLS_KEY", directory.root().resolve("tls/server.key").toString());
            } else {
                env.put("CHAINCODE_TLS_DISABLED", "true");
            }
            List<String> command = new java.util.ArrayList<>(settings.chaincodeCommand());
            command.add(directory.root().resolve(SERVER_JAR).toString());
            // Planned after the files are written, before anything starts: they become the chaincode user's.
            chaincodeUser.ifPresent(user -> user.handOver(settings.dataDir(), directory.root(),
                    files.keySet().stream().map(directory.root()::resolve).toList()));
            return new SupervisedProcess.Launch(chaincodeUser.map(user -> user.wrap(command)).orElse(command), withBase(env),
                    directory.root(), directory.log());
        });
        int port = directory.record().orElseThrow().ports().get(CHAINCODE_PORT);
        updateServerMap(launch.namespace(), entries -> {
            entries.values().removeIf((settings.address() + ":" + port)::equals);
            entries.put(launch.namedAddress(), settings.address() + ":" + port);
        });
        return run.running();
    }

    @Override
    public void removeChaincodeServer(String namespace, String server) {
        HostNodeDirectory directory = serverDirectory(namespace, server);
        Optional<Integer> port = directory.record().map(record -> record.ports().get(CHAINCODE_PORT));
        remove(serverKey(namespace, server), directory);
        port.ifPresent(p -> updateServerMap(namespace, entries -> entries.values().removeIf((settings.address() + ":" + p)::equals)));
    }

    /**
     * The map of an organization's chaincode servers its peers' builder reads: one per namespace,
     * as a bare Service name ({@code ledger:9999}) means a server of the peer's own namespace. A
     * hidden name no node's folder can take.
     */
    public Path serverMap(String namespace) {
        return settings.dataDir().resolve(namespace).resolve(".chaincode-servers");
    }

    private void updateServerMap(String namespace, java.util.function.Consumer<Map<String, String>> change) {
        synchronized (ports) {
            Map<String, String> entries = ChaincodeServerMap.read(serverMap(namespace));
            change.accept(entries);
            ChaincodeServerMap.write(serverMap(namespace), entries);
        }
    }

    /** The process of a chaincode server this runtime runs (for tests and operators' tools). */
    public Optional<ProcessHandle> chaincodeServerProcess(String namespace, String server) {
        return Optional.ofNullable(nodes.get(serverKey(namespace, server))).flatMap(known -> known.process().process());
    }

    private HostNodeDirectory serverDirectory(String namespace, String server) {
        return new HostNodeDirectory(settings.dataDir().resolve(namespace).resolve("chaincode-" + server));
    }

    private static String serverKey(String namespace, String server) {
        return namespace + "/chaincode:" + server;
    }

    @Override
    public Optional<URI> operations(HasMetadata node) {
        Node known = nodes.get(key(node));
        return known == null || !known.process().alive() ? Optional.empty() : Optional.of(operationsUri(known));
    }

    @Override
    public Optional<String> whyNotServing(HasMetadata node) {
        Node known = nodes.get(key(node));
        return known == null ? Optional.of("The host runtime has not started it (yet).") : known.process().whyNotRunning();
    }

    /** The process of a node this runtime runs (for tests and operators' tools). */
    public Optional<ProcessHandle> process(HasMetadata node) {
        return Optional.ofNullable(nodes.get(key(node))).flatMap(known -> known.process().process());
    }

    /** How many times the node's process was started again after it ended. */
    public int restarts(HasMetadata node) {
        return Optional.ofNullable(nodes.get(key(node))).map(known -> known.process().restarts()).orElse(0);
    }

    private HostNodeDirectory directory(HasMetadata node, String kind) {
        return new HostNodeDirectory(settings.dataDir().resolve(node.getMetadata().getNamespace())
                .resolve(kind + "-" + node.getMetadata().getName()));
    }

    private static String key(HasMetadata node) {
        return node.getMetadata().getNamespace() + "/" + node.getMetadata().getName();
    }

    /** The service stops: its nodes keep running to be adopted at the next start, unless configured otherwise. */
    @Override
    public void close() {
        for (Node node : nodes.values()) {
            if (settings.stopNodesOnShutdown()) {
                node.process().stop();
            } else {
                node.process().release();
            }
        }
        nodes.clear();
        timers.shutdownNow();
        claim.close();
    }
}
