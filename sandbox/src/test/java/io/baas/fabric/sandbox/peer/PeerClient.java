package io.baas.fabric.sandbox.peer;

import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.tls.TlsMaterial;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/** Raw fabric-protos Endorser calls over TLS to a sandbox peer, as the peer CLI makes them. */
final class PeerClient implements AutoCloseable {

    private final ManagedChannel channel;

    PeerClient(int port, X509Certificate tlsCa) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port,
                TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(List.of(tlsCa))).build()).build();
    }

    ProposalResponse propose(Signer signer, ProposalRequest request) {
        return EndorserGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .processProposal(Proposals.create(request, signer.identity(), SandboxNetwork.CLOCK).sign(signer));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
    }
}
