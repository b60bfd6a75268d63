package io.baas.fabric.sandbox;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;

/**
 * What the orderer and the peer run the same way: the node's gRPC server (server TLS with the
 * node's certificate, Fabric's default message limit, on the port the node used before) and the
 * daemon threads behind it.
 */
final class NodeGrpc {

    // Fabric's default peer.maxRecvMsgSize and orderer General.MaxRecvMsgSize.
    private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private NodeGrpc() {
    }

    /** Serves the services on the node's "grpc" port. */
    static Server start(NodePorts ports, String host, KeyManager[] tls, List<BindableService> services) throws IOException {
        ServerCredentials credentials = TlsServerCredentials.newBuilder().keyManager(tls).build();
        return ports.bind("grpc", port -> {
            // Fabric's server keepalive (internal/pkg/comm DefaultKeepaliveOptions): clients may ping
            // every minute, calls or not; grpc-java's default (5 minutes) sent Fabric's own clients away.
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .permitKeepAliveTime(1, TimeUnit.MINUTES)
                    .permitKeepAliveWithoutCalls(true)
                    .keepAliveTime(2, TimeUnit.HOURS)
                    .keepAliveTimeout(20, TimeUnit.SECONDS);
            services.forEach(builder::addService);
            return builder.build().start();
        });
    }

    /** Cancels the calls in flight and gives the server up to ten seconds to drain. */
    static void stop(Server grpc) {
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named {@code <name>-<n>}, so a node left open never holds the JVM. */
    static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
