package io.baas.fabric.sandbox;

import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.sandbox.common.NodeLog;
import io.baas.fabric.sandbox.operations.NodeMetrics;
import io.baas.fabric.sandbox.operations.OperationsServer;
import io.baas.fabric.sandbox.peer.PeerMetrics;
import io.baas.fabric.sandbox.peer.PeerServices;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.Server;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A Fabric-compatible peer: the Endorser service over gRPC with server TLS, system chaincodes
 * (cscc, qscc), and a committer per joined channel that pulls blocks from the ordering service,
 * validates them as Fabric does and keeps the world state. See docs/sandbox.md for what it does not do.
 */
public final class PeerNode implements AutoCloseable {

    private final Server grpc;
    private final PeerChannels channels;
    private final io.baas.fabric.sandbox.peer.lifecycle.InstalledPackages installed;
    private final io.baas.fabric.sandbox.peer.gateway.GatewayService gateway;
    private final io.baas.fabric.sandbox.peer.privdata.PrivateDataPush privateDataPush;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliverThreads;
    private final NodeLog log;
    private final OperationsServer operations;
    private volatile boolean stopped;

    private PeerNode(Server grpc, PeerServices services, ScheduledExecutorService scheduler, ExecutorService deliverThreads, NodeLog log,
                     OperationsServer operations) {
        this.log = log;
        this.operations = operations;
        this.grpc = grpc;
        this.channels = services.channels();
        this.installed = services.installed();
        this.gateway = services.gateway();
        this.privateDataPush = services.privateDataPush();
        this.scheduler = scheduler;
        this.deliverThreads = deliverThreads;
    }

    public static PeerNode start(PeerSettings settings) {
        NodeLog log = new NodeLog(settings.clock());
        log.info("nodeCmd", "serve", "Starting peer: Version: 2.5.5 (sandbox)");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(NodeGrpc.daemons("sandbox-peer-pull"));
        ExecutorService deliverThreads = Executors.newCachedThreadPool(NodeGrpc.daemons("sandbox-peer-deliver"));
        java.util.concurrent.atomic.AtomicReference<String> address = new java.util.concurrent.atomic.AtomicReference<>(settings.host());
        NodeMetrics metrics = new NodeMetrics();
        PeerServices services = PeerServices.create(settings, ChannelMsps.local(settings.localMsp()), scheduler, deliverThreads, address::get,
                metrics);
        services.channels().addListener((channelId, committed) -> logCommit(log, channelId, committed));
        PeerMetrics.register(metrics, services.channels());
        OperationsServer operations = null;
        try {
            NodePorts ports = new NodePorts(settings.dataDirectory());
            Server grpc = NodeGrpc.start(ports, settings.host(), TlsMaterial.keyManagers(settings.tls(), settings.tlsIssuers()),
                    services.grpcServices());
            operations = ports.bind("operations", port -> OperationsServer.start(settings.host(), port, metrics, () -> null, settings.clock()));
            ports.remember(java.util.Map.of("grpc", grpc.getPort(), "operations", operations.port()));
            address.set(settings.host() + ":" + grpc.getPort());
            log.info("nodeCmd", "serve", "Started peer of [" + settings.signer().identity().mspId() + "] listening on [" + address.get() + "]");
            return new PeerNode(grpc, services, scheduler, deliverThreads, log, operations);
        } catch (IOException | RuntimeException e) {
            if (operations != null) {
                operations.close();
            }
            services.channels().close();
            services.installed().close();
            services.privateDataPush().close();
            scheduler.shutdownNow();
            deliverThreads.shutdownNow();
            throw new SandboxException("cannot start the peer: " + e.getMessage(), e);
        }
    }

    /** What Fabric's ledger and validator write about a committed block: its transactions, and each invalid one with its code. */
    private static void logCommit(NodeLog log, String channelId, io.baas.fabric.sandbox.peer.commit.BlockCommitter.Committed committed) {
        long number = committed.block().getHeader().getNumber();
        for (var transaction : committed.transactions()) {
            if (transaction.code() != org.hyperledger.fabric.protos.peer.TxValidationCode.VALID) {
                log.warn("committer.txvalidator", "validate", "[" + channelId + "] Block [" + number + "] Transaction index ["
                        + transaction.index() + "] TxId [" + transaction.txId() + "] marked as invalid. Reason code [" + transaction.code() + "]");
            }
        }
        log.info("kvledger", "commit", "[" + channelId + "] Committed block [" + number + "] with " + committed.transactions().size()
                + " transaction(s)");
    }

    /** The peer's gRPC port (TLS): Endorser, Deliver, Gateway, and Gossip for private data pushes. */
    public int port() {
        return grpc.getPort();
    }

    /** The chaincode packages installed on the peer. */
    public io.baas.fabric.sandbox.peer.lifecycle.InstalledPackages installed() {
        return installed;
    }

    public PeerChannels channels() {
        return channels;
    }

    /** The operations endpoint's port: {@code /healthz}, {@code /version}, {@code /metrics} (plain HTTP). */
    public int operationsPort() {
        return operations.port();
    }

    /** What the peer writes to its output, as a Fabric peer's container log. */
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
        channels.close();
        NodeGrpc.stop(grpc);
        scheduler.shutdownNow();
        deliverThreads.shutdownNow();
        installed.close();
        gateway.close();
        privateDataPush.close();
        operations.close();
        log.close();
    }
}
