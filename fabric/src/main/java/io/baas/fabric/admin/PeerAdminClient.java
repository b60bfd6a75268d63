package io.baas.fabric.admin;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.tls.TlsMaterial;
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

    /** qscc GetChainInfo: height, current and previous block hash (a channel member asks). */
    public org.hyperledger.fabric.protos.common.BlockchainInfo chainInfo(Signer member, String channel) {
        return query("GetChainInfo", member, SystemChaincodes.chainInfo(channel), org.hyperledger.fabric.protos.common.BlockchainInfo.parser());
    }

    /** qscc GetBlockByNumber: the block as this peer committed it (with its validation codes). */
    public Block block(Signer member, String channel, long number) {
        return query("GetBlockByNumber", member, SystemChaincodes.blockByNumber(channel, number), Block.parser());
    }

    public Block blockByHash(Signer member, String channel, com.google.protobuf.ByteString headerHash) {
        return query("GetBlockByHash", member, SystemChaincodes.blockByHash(channel, headerHash), Block.parser());
    }

    public Block blockByTxId(Signer member, String channel, String txId) {
        return query("GetBlockByTxID", member, SystemChaincodes.blockByTxId(channel, txId), Block.parser());
    }

    /** qscc GetTransactionByID: the envelope and its validation code. */
    public org.hyperledger.fabric.protos.peer.ProcessedTransaction transaction(Signer member, String channel, String txId) {
        return query("GetTransactionByID", member, SystemChaincodes.transactionById(channel, txId),
                org.hyperledger.fabric.protos.peer.ProcessedTransaction.parser());
    }

    /** A peer-scoped call answered with one protobuf message; a refusal keeps the peer's message. */
    public <T extends com.google.protobuf.Message> T query(String call, Signer signer, ProposalRequest request, com.google.protobuf.Parser<T> parser) {
        ProposalResponse response = propose(signer, request);
        if (response.getResponse().getStatus() != 200) {
            throw refused(call, response);
        }
        try {
            return parser.parseFrom(response.getResponse().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new FabricAdminException(FabricAdminException.Reason.PROTOCOL, 200, "The peer at " + target
                    + " answered " + call + " with something that does not decode: " + e.getMessage());
        }
    }

    /** A proposal answered as the peer answered it, whatever the status (the caller judges). */
    public ProposalResponse propose(Signer signer, ProposalRequest request) {
        try {
            return EndorserGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .processProposal(Proposals.create(request, signer.identity(), clock).sign(signer));
        } catch (StatusRuntimeException e) {
            FabricAdminException.Reason reason = switch (e.getStatus().getCode()) {
                case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> FabricAdminException.Reason.UNAVAILABLE;
                default -> FabricAdminException.Reason.REFUSED;
            };
            throw new FabricAdminException(reason, e.getStatus().getCode().value(),
                    "The peer at " + target + " did not take the proposal: " + e.getStatus().getCode() + ": "
                            + ConnectionFailures.describe(e, target));
        }
    }

    private FabricAdminException refused(String call, ProposalResponse response) {
        return new FabricAdminException(FabricAdminException.Reason.REFUSED, response.getResponse().getStatus(),
                "The peer at " + target + " refused " + call + " (" + response.getResponse().getStatus() + "): "
                        + response.getResponse().getMessage());
    }

    @Override
    public void close() {
        GrpcChannels.close(channel);
    }
}
