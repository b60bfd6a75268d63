package io.baas.fabric.sandbox.peer.gateway;

import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Other organizations' peers, reached over their Endorser service with TLS; one connection per address. */
final class RemoteEndorsers implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    ProposalResponse endorse(HostPort peer, List<X509Certificate> tlsRoots, SignedProposal proposal, Duration timeout) {
        ManagedChannel channel = channels.computeIfAbsent(peer.toString(), address -> NettyChannelBuilder.forAddress(peer.host(), peer.port(),
                TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(tlsRoots)).build()).build());
        return EndorserGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).processProposal(proposal);
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
