package io.baas.fabric.admin;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.tls.TlsMaterial;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import io.baas.fabric.transaction.SystemChaincodes;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * A peer's administration over its Endorser service, signed by an admin of the peer's
 * organization: cscc JoinChain with a channel's genesis block and GetChannels, as the peer CLI
 * sends them. Joining twice is reported as such, not as a failure: the peer answers "ledger
 * already exists".
 */
public final class PeerAdminClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final Duration timeout;
    private final Clock clock;
    private final String target;

    public PeerAdminClient(String host, int port, List<X509Certificate> trustedCas, Duration timeout, Clock clock) {
        this.channel = NettyChannelBuilder.forAddress(host, port,
                TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(trustedCas)).build()).build();
        this.timeout = timeout;
        this.clock = clock;
        this.target = host + ":" + port;
    }

    public enum JoinOutcome { JOINED, ALREADY_JOINED }

    public JoinOutcome joinChannel(Signer admin, Block genesis) {
        ProposalResponse response = propose(admin, SystemChaincodes.joinChannel(genesis.toByteString()));
        if (response.getResponse().getStatus() == 200) {
            return JoinOutcome.JOINED;
        }
        if (response.getResponse().getMessage().contains("already exists")) {
            return JoinOutcome.ALREADY_JOINED;
        }
        throw refused("JoinChain", response);
    }

    /** The channels the peer has joined. */
    public List<String> channels(Signer member) {
        ProposalResponse response = propose(member, SystemChaincodes.joinedChannels());
        if (response.getResponse().getStatus() != 200) {
            throw refused("GetChannels", response);
        }
        try {
            return ChannelQueryResponse.parseFrom(response.getResponse().getPayload()).getChannelsList().stream()
                    .map(ChannelInfo::getChannelId).toList();
        } catch (InvalidProtocolBufferException e) {
            throw new FabricAdminException(FabricAdminException.Reason.PROTOCOL, 200, "The peer at " + target
                    + " answered GetChannels with something that is not a ChannelQueryResponse.");
        }
    }

    private ProposalResponse propose(Signer signer, ProposalRequest request) {
        try {
            return EndorserGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .processProposal(Proposals.create(request, signer.identity(), clock).sign(signer));
        } catch (StatusRuntimeException e) {
            FabricAdminException.Reason reason = switch (e.getStatus().getCode()) {
                case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> FabricAdminException.Reason.UNAVAILABLE;
                default -> FabricAdminException.Reason.REFUSED;
            };
            throw new FabricAdminException(reason, e.getStatus().getCode().value(),
                    "The peer at " + target + " did not take the proposal: " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
        }
    }

    private FabricAdminException refused(String call, ProposalResponse response) {
        return new FabricAdminException(FabricAdminException.Reason.REFUSED, response.getResponse().getStatus(),
                "The peer at " + target + " refused " + call + " (" + response.getResponse().getStatus() + "): "
                        + response.getResponse().getMessage());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
