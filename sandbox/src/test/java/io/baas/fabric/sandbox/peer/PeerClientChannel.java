package io.baas.fabric.sandbox.peer;

import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;

/** A TLS channel to a sandbox peer for sending hand-made signed proposals. */
final class PeerClientChannel implements AutoCloseable {

    private final ManagedChannel channel;

    PeerClientChannel(int port, X509Certificate tlsCa) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port,
                TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(List.of(tlsCa))).build()).build();
    }

    ManagedChannel channel() {
        return channel;
    }

    EndorserGrpc.EndorserBlockingStub stub() {
        return stub(20);
    }

    /** With a longer deadline, e.g. for the first call of a chaincode whose jar may still be loading. */
    EndorserGrpc.EndorserBlockingStub stub(int seconds) {
        return EndorserGrpc.newBlockingStub(channel).withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
    }
}
