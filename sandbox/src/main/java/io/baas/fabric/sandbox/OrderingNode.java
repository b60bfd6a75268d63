package io.baas.fabric.sandbox;

import io.baas.fabric.sandbox.common.NodeLog;
import io.baas.fabric.sandbox.operations.NodeMetrics;
import io.baas.fabric.sandbox.operations.OperationsServer;
import io.baas.fabric.sandbox.orderer.AtomicBroadcastService;
import io.baas.fabric.sandbox.orderer.ChannelRegistry;
import io.baas.fabric.sandbox.participation.ParticipationServer;
import io.baas.fabric.tls.TlsMaterial;
import io.baas.fabric.transaction.Nonces;
import io.grpc.Server;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A Fabric-compatible ordering node: AtomicBroadcast over gRPC with server TLS, and the channel
 * participation API over mutual TLS on an admin port. It is the single consenter of every channel
 * it joins (no Raft). See docs/sandbox.md for what it does not do.
 */
public final class OrderingNode implements AutoCloseable {

    private final Server grpc;
    private final ParticipationServer participation;
    private final ChannelRegistry channels;
    private final ScheduledExecutorService timers;
    private final ExecutorService deliverThreads;
    private final NodeLog log;
    private final OperationsServer operations;
    private volatile boolean stopped;

    private OrderingNode(Server grpc, ParticipationServer participation, ChannelRegistry channels,
            ScheduledExecutorService timers, ExecutorService deliverThreads, NodeLog log, OperationsServer operations) {
        this.log = log;
        this.operations = operations;
        this.grpc = grpc;
        this.participation = participation;
        this.channels = channels;
        this.timers = timers;
        this.deliverThreads = deliverThreads;
    }

    public static OrderingNode start(OrdererSettings settings) {
        NodeLog log = new NodeLog(settings.clock());
        log.info("orderer.common.server", "Main", "Starting orderer: Version: 2.5.5 (sandbox)");
        NodeMetrics metrics = new NodeMetrics();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(NodeGrpc.daemons("sandbox-orderer-batch"));
        ExecutorService deliverThreads = Executors.newCachedThreadPool(NodeGrpc.daemons("sandbox-orderer-deliver"));
        ChannelRegistry channels = new ChannelRegistry(settings.signer(), Nonces.secureRandom(), settings.clock(), timers,
                settings.dataDirectory().map(directory -> directory.resolve("channels")), log, metrics);
        OperationsServer operations = null;
        ParticipationServer participation = null;
        NodePorts ports = new NodePorts(settings.dataDirectory());
        try {
            javax.net.ssl.SSLContext adminTls = TlsMaterial.context(TlsMaterial.keyManagers(settings.tls(), settings.tlsIssuers()),
                    TlsMaterial.trustManagers(settings.adminTlsCas()));
            participation = ports.bind("admin", port -> ParticipationServer.start(channels, settings.host(), port, adminTls));
            Server grpc = NodeGrpc.start(ports, settings.host(), TlsMaterial.keyManagers(settings.tls(), settings.tlsIssuers()),
                    List.of(new AtomicBroadcastService(channels, settings.clock(), deliverThreads)));
            operations = ports.bind("operations", port -> OperationsServer.start(settings.host(), port, metrics, () -> null, settings.clock()));
            ports.remember(java.util.Map.of("grpc", grpc.getPort(), "admin", participation.port(), "operations", operations.port()));
            log.info("orderer.common.server", "Main", "Beginning to serve requests on " + settings.host() + ":" + grpc.getPort()
                    + ", channel participation on " + settings.host() + ":" + participation.port());
            return new OrderingNode(grpc, participation, channels, timers, deliverThreads, log, operations);
        } catch (IOException | RuntimeException e) {
            if (operations != null) {
                operations.close();
            }
            if (participation != null) {
                participation.close();
            }
            channels.close();
            timers.shutdownNow();
            deliverThreads.shutdownNow();
            throw new SandboxException("cannot start the ordering node: " + e.getMessage(), e);
        }
    }

    /** The AtomicBroadcast port (TLS). */
    public int port() {
        return grpc.getPort();
    }

    /** The channel participation port (mutual TLS). */
    public int adminPort() {
        return participation.port();
    }

    public ChannelRegistry channels() {
        return channels;
    }

    /** The operations endpoint's port: {@code /healthz}, {@code /version}, {@code /metrics} (plain HTTP). */
    public int operationsPort() {
        return operations.port();
    }

    /** What the node writes to its output, as a Fabric orderer's container log. */
    public NodeLog log() {
        return log;
    }

    /** False once closed: what a process that ended would be. */
    public boolean isRunning() {
        return !stopped;
    }

    @Override
    public void close() {
        stopped = true;
        participation.close();
        // Closing the channels first ends deliveries waiting for blocks, so the server can drain.
        channels.close();
        NodeGrpc.stop(grpc);
        timers.shutdownNow();
        deliverThreads.shutdownNow();
        operations.close();
        log.close();
    }
}
