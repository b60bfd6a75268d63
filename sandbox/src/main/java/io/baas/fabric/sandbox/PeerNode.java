package io.baas.fabric.sandbox;

import io.baas.fabric.configtx.ChannelMsps;
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

    private PeerNode(Server grpc, PeerServices services, ScheduledExecutorService scheduler, ExecutorService deliverThreads) {
        this.grpc = grpc;
        this.channels = services.channels();
        this.installed = services.installed();
        this.gateway = services.gateway();
        this.privateDataPush = services.privateDataPush();
        this.scheduler = scheduler;
        this.deliverThreads = deliverThreads;
    }

    public static PeerNode start(PeerSettings settings) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(NodeGrpc.daemons("sandbox-peer-pull"));
        ExecutorService deliverThreads = Executors.newCachedThreadPool(NodeGrpc.daemons("sandbox-peer-deliver"));
        java.util.concurrent.atomic.AtomicReference<String> address = new java.util.concurrent.atomic.AtomicReference<>(settings.host());
        PeerServices services = PeerServices.create(settings, ChannelMsps.local(settings.localMsp()), scheduler, deliverThreads, address::get);
        try {
            NodePorts ports = new NodePorts(settings.dataDirectory());
            Server grpc = NodeGrpc.start(ports, settings.host(), TlsMaterial.keyManagers(settings.tls(), settings.tlsIssuers()),
                    services.grpcServices());
            ports.remember(java.util.Map.of("grpc", grpc.getPort()));
            address.set(settings.host() + ":" + grpc.getPort());
            return new PeerNode(grpc, services, scheduler, deliverThreads);
        } catch (IOException | RuntimeException e) {
            services.channels().close();
            services.installed().close();
            services.privateDataPush().close();
            scheduler.shutdownNow();
            deliverThreads.shutdownNow();
            throw new SandboxException("cannot start the peer: " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        channels.close();
        NodeGrpc.stop(grpc);
        scheduler.shutdownNow();
        deliverThreads.shutdownNow();
        installed.close();
        gateway.close();
        privateDataPush.close();
    }
}
