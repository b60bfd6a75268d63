package io.baas.fabric.sandbox;

import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.sandbox.peer.PeerServices;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Fabric-compatible peer: the Endorser service over gRPC with server TLS, system chaincodes
 * (cscc, qscc), and a committer per joined channel that pulls blocks from the ordering service,
 * validates them as Fabric does and keeps the world state. See docs/sandbox.md for what it does not do.
 */
public final class PeerNode implements AutoCloseable {

    // Fabric's default peer.maxRecvMsgSize.
    private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final Server grpc;
    private final PeerChannels channels;
    private final io.baas.fabric.sandbox.peer.lifecycle.InstalledPackages installed;
    private final io.baas.fabric.sandbox.peer.gateway.GatewayService gateway;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliverThreads;

    private PeerNode(Server grpc, PeerServices services, ScheduledExecutorService scheduler, ExecutorService deliverThreads) {
        this.grpc = grpc;
        this.channels = services.channels();
        this.installed = services.installed();
        this.gateway = services.gateway();
        this.scheduler = scheduler;
        this.deliverThreads = deliverThreads;
    }

    public static PeerNode start(PeerSettings settings) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemons("sandbox-peer-pull"));
        ExecutorService deliverThreads = Executors.newCachedThreadPool(daemons("sandbox-peer-deliver"));
        java.util.concurrent.atomic.AtomicReference<String> address = new java.util.concurrent.atomic.AtomicReference<>(settings.host());
        PeerServices services = PeerServices.create(settings, ChannelMsps.local(settings.localMsp()), scheduler, deliverThreads, address::get);
        try {
            ServerCredentials credentials = TlsServerCredentials.newBuilder()
                    .keyManager(TlsMaterial.keyManagers(settings.tls(), settings.tlsIssuers()))
                    .build();
            NodePorts ports = new NodePorts(settings.dataDirectory());
            Server grpc = ports.bind("grpc", port -> {
                NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), port), credentials)
                        .maxInboundMessageSize(MAX_MESSAGE_BYTES);
                services.grpcServices().forEach(builder::addService);
                return builder.build().start();
            });
            ports.remember(java.util.Map.of("grpc", grpc.getPort()));
            address.set(settings.host() + ":" + grpc.getPort());
            return new PeerNode(grpc, services, scheduler, deliverThreads);
        } catch (IOException | RuntimeException e) {
            services.channels().close();
            services.installed().close();
            scheduler.shutdownNow();
            deliverThreads.shutdownNow();
            throw new SandboxException("cannot start the peer: " + e.getMessage(), e);
        }
    }

    /** The peer's gRPC port (TLS): Endorser, Deliver, Gateway. */
    public int port() {
        return grpc.getPort();
    }

    public PeerChannels channels() {
        return channels;
    }

    @Override
    public void close() {
        channels.close();
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        deliverThreads.shutdownNow();
        installed.close();
        gateway.close();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
