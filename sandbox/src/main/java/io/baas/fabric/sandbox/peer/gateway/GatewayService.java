package io.baas.fabric.sandbox.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.policy.Policy;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.channel.ChannelDiscovery;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.endorser.Endorser;
import io.baas.fabric.sandbox.peer.endorser.UnpackedProposal;
import io.baas.fabric.sandbox.peer.ledger.TransactionLocation;
import io.baas.fabric.sandbox.peer.lifecycle.CollectionConfigs;
import io.baas.fabric.transaction.TransactionEnvelopes;
import io.baas.fabric.transaction.TransactionException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInterest;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The peer's Gateway service, as Fabric 2.5's: Evaluate on this peer; Endorse here and on the
 * other organizations' anchor peers (all of them, only the members of the private data
 * collections the transaction read or carries transient data for, or exactly the requested
 * endorsing organizations), checked against the chaincode's and collections' endorsement policies and returned as the
 * unsigned prepared transaction; Submit to the channel's orderers; CommitStatus and
 * ChaincodeEvents from this peer's ledger, both under /Channel/Application/Readers.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase implements AutoCloseable {

    private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ORDERER_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ENDORSEMENT_PATIENCE = Duration.ofMillis(50);

    private final Endorser endorser;
    private final PeerChannels channels;
    private final String mspId;
    private final Supplier<String> address;
    private final Map<String, String> ordererOverrides;
    private final RemoteEndorsers remote = new RemoteEndorsers();
    private final OrdererConnections orderers = new OrdererConnections();
    private final EndorsementTurns turns = new EndorsementTurns(Runtime.getRuntime().availableProcessors(), ENDORSEMENT_PATIENCE);

    /** @param address where this peer answers, for error details (known once its server started) */
    public GatewayService(Endorser endorser, PeerChannels channels, String mspId, Supplier<String> address,
                          Map<String, String> ordererOverrides) {
        this.endorser = endorser;
        this.channels = channels;
        this.mspId = mspId;
        this.address = address;
        this.ordererOverrides = ordererOverrides;
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
        respond(responses, () -> {
            channel(request.getChannelId());
            ProposalResponse response = endorser.process(request.getProposedTransaction());
            if (!successful(response)) {
                throw RpcErrors.error(code(response), "evaluate call to endorser returned error: " + message(response),
                        List.of(RpcErrors.detail(address.get(), mspId, message(response))));
            }
            return EvaluateResponse.newBuilder().setResult(response.getResponse()).build();
        });
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
        respond(responses, () -> {
            try (EndorsementTurns.Turn turn = turns.take()) {
                return endorse(request);
            }
        });
    }

    private EndorseResponse endorse(EndorseRequest request) {
        PeerChannel channel = channel(request.getChannelId());
        SignedProposal signed = request.getProposedTransaction();
        UnpackedProposal proposal = unpack(signed);
        List<String> requested = request.getEndorsingOrganizationsList();
        Map<String, ChannelDiscovery.Organization> organizations = ChannelDiscovery.organizations(channel.config().config());
        List<ProposalResponse> endorsed = new ArrayList<>();
        List<ErrorDetail> failures = new ArrayList<>();
        if (requested.isEmpty()) {
            // Fabric plans from the first endorsement, this peer's: its refusal ends it; its interest says who else may endorse.
            ProposalResponse local = endorseIn(mspId, organizations.get(mspId), signed, failures).orElseThrow(() ->
                    RpcErrors.error(Code.ABORTED, "failed to endorse transaction, see attached details for more info", failures));
            endorsed.add(local);
            Optional<Set<String>> members = collectionMembers(channel, local.getInterest(),
                    proposal.payload().getTransientMapCount() > 0);
            List<String> leftOut = new ArrayList<>();
            for (String organization : organizations.keySet()) {
                if (organization.equals(mspId)) {
                    continue;
                }
                if (members.isPresent() && !members.get().contains(organization)) {
                    leftOut.add(organization);
                    continue;
                }
                endorseIn(organization, organizations.get(organization), signed, failures).ifPresent(endorsed::add);
            }
            if (!satisfies(channel, chaincode(proposal), local, endorsed)) {
                if (!leftOut.isEmpty()) {
                    throw RpcErrors.error(Code.FAILED_PRECONDITION, "requires endorsement from organisation(s) that are not in the"
                            + " distribution policy of the private data collection(s): " + leftOut
                            + "; retry specifying trusted endorsing organizations to protect transient data", failures);
                }
                throw RpcErrors.error(Code.ABORTED, "failed to collect enough transaction endorsements, see attached details for more info",
                        failures);
            }
        } else {
            for (String organization : requested) {
                endorseIn(organization, organizations.get(organization), signed, failures).ifPresent(endorsed::add);
            }
            if (!failures.isEmpty() || endorsed.isEmpty()) {
                throw RpcErrors.error(Code.ABORTED, "failed to collect enough transaction endorsements, see attached details for more info",
                        failures);
            }
        }
        try {
            ByteString payload = TransactionEnvelopes.prepare(proposal.proposal(), endorsed);
            return EndorseResponse.newBuilder().setPreparedTransaction(Envelope.newBuilder().setPayload(payload)).build();
        } catch (TransactionException e) {
            throw RpcErrors.error(Code.ABORTED, "failed to assemble transaction: " + e.getMessage());
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
        respond(responses, () -> {
            if (!request.hasPreparedTransaction() || request.getPreparedTransaction().getSignature().isEmpty()) {
                throw RpcErrors.error(Code.INVALID_ARGUMENT, "prepared transaction must be signed");
            }
            ChannelConfig config = channel(request.getChannelId()).config();
            List<ErrorDetail> failures = new ArrayList<>();
            for (String endpoint : config.ordererEndpoints()) {
                String target = ordererOverrides.getOrDefault(endpoint, endpoint);
                HostPort orderer = hostPort(target);
                try {
                    var answer = orderers.to(orderer, config.ordererTlsRoots()).broadcast(request.getPreparedTransaction(),
                            CallDeadlines.within(ORDERER_TIMEOUT, "the transaction was sent to " + endpoint));
                    if (answer.getStatus() == Status.SUCCESS) {
                        return SubmitResponse.getDefaultInstance();
                    }
                    throw RpcErrors.error(Code.ABORTED, "received unsuccessful response from orderer: status=" + answer.getStatus()
                            + ", info=" + answer.getInfo());
                } catch (FabricAdminException e) {
                    failures.add(RpcErrors.detail(endpoint, "", e.getMessage()));
                }
            }
            throw RpcErrors.error(Code.UNAVAILABLE, "no orderers could successfully process transaction", failures);
        });
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> responses) {
        respond(responses, () -> {
            CommitStatusRequest request = parse(() -> CommitStatusRequest.parseFrom(signed.getRequest()), "invalid status request");
            if (request.getTransactionId().isEmpty()) {
                throw RpcErrors.error(Code.INVALID_ARGUMENT, "transaction ID should not be empty");
            }
            PeerChannel channel = channel(request.getChannelId());
            authorize(channel, request.getIdentity(), signed.getRequest(), signed.getSignature());
            BooleanSupplier cancelled = cancelled(responses);
            while (true) {
                long height = channel.peerLedger().height();
                Optional<TransactionLocation> committed = channel.peerLedger().transaction(request.getTransactionId());
                if (committed.isPresent()) {
                    return CommitStatusResponse.newBuilder().setResult(committed.get().validationCode())
                            .setBlockNumber(committed.get().blockNumber()).build();
                }
                if (await(channel, height, cancelled).isEmpty()) {
                    throw RpcErrors.error(Code.CANCELLED, "the commit status request was cancelled before the transaction committed");
                }
            }
        });
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> responses) {
        try {
            ChaincodeEventsRequest request = parse(() -> ChaincodeEventsRequest.parseFrom(signed.getRequest()), "invalid chaincode events request");
            PeerChannel channel = channel(request.getChannelId());
            authorize(channel, request.getIdentity(), signed.getRequest(), signed.getSignature());
            BooleanSupplier cancelled = cancelled(responses);
            ChaincodeEventFilter filter = new ChaincodeEventFilter(request.getChaincodeId(), request.getAfterTransactionId());
            for (long number = startBlock(channel, request); ; number++) {
                Optional<Block> block = await(channel, number, cancelled);
                if (block.isEmpty()) {
                    return;
                }
                List<ChaincodeEvent> events = filter.events(BlockDecoder.decode(block.get()).transactions());
                if (!events.isEmpty()) {
                    responses.onNext(ChaincodeEventsResponse.newBuilder().setBlockNumber(number).addAllEvents(events).build());
                }
            }
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void close() {
        remote.close();
        orderers.close();
    }

    /** One organization's endorsement: this peer for our own, else its anchor peers in turn. */
    private Optional<ProposalResponse> endorseIn(String organization, ChannelDiscovery.Organization known, SignedProposal signed,
                                                 List<ErrorDetail> failures) {
        if (organization.equals(mspId)) {
            ProposalResponse response = endorser.process(signed);
            if (successful(response)) {
                return Optional.of(response);
            }
            failures.add(RpcErrors.detail(address.get(), mspId, message(response)));
            return Optional.empty();
        }
        if (known == null || known.anchorPeers().isEmpty()) {
            failures.add(RpcErrors.detail("", organization, known == null ? "organization " + organization + " is not in the channel"
                    : "organization " + organization + " has no anchor peer in the channel config to reach its peers"));
            return Optional.empty();
        }
        for (HostPort peer : known.anchorPeers()) {
            try {
                ProposalResponse response = remote.endorse(peer, known.tlsRoots(), signed,
                        CallDeadlines.within(REMOTE_TIMEOUT, "the proposal was sent to " + peer));
                if (successful(response)) {
                    return Optional.of(response);
                }
                failures.add(RpcErrors.detail(peer.toString(), organization, message(response)));
                return Optional.empty();
            } catch (StatusRuntimeException e) {
                failures.add(RpcErrors.detail(peer.toString(), organization, "failed to reach the peer: " + e.getStatus()));
            }
        }
        return Optional.empty();
    }

    /**
     * As Fabric's gateway asks discovery: when the chaincode read a collection's values, or the
     * proposal carries transient data (which must only reach trusted peers), only the member
     * organizations of every collection the transaction touched may endorse; otherwise anyone.
     */
    private static Optional<Set<String>> collectionMembers(PeerChannel channel, ChaincodeInterest interest, boolean transientData) {
        Set<String> members = null;
        for (ChaincodeCall call : interest.getChaincodesList()) {
            if (call.getCollectionNamesCount() == 0 || (call.getNoPrivateReads() && !transientData)) {
                continue;
            }
            for (String collection : call.getCollectionNamesList()) {
                Set<String> orgs = CollectionConfigs.find(channel.peerLedger().state(), call.getName(), collection, "")
                        .map(CollectionConfigs::memberOrgs).orElse(Set.of());
                if (members == null) {
                    members = new java.util.HashSet<>(orgs);
                } else {
                    members.retainAll(orgs);
                }
            }
        }
        return Optional.ofNullable(members);
    }

    /**
     * Whether the endorsements satisfy what validation will apply to the chaincode's writes: the
     * chaincode's policy for public writes (or when nothing is written), and each written
     * collection's policy, as this peer's simulation wrote them.
     */
    private static boolean satisfies(PeerChannel channel, String chaincode, ProposalResponse local, List<ProposalResponse> endorsed) {
        List<SignedData> signatures = new ArrayList<>();
        for (ProposalResponse response : endorsed) {
            if (response.hasEndorsement()) {
                try {
                    signatures.add(new SignedData(response.getPayload().concat(response.getEndorsement().getEndorser()),
                            FabricIdentity.fromSerialized(response.getEndorsement().getEndorser()), response.getEndorsement().getSignature()));
                } catch (IdentityException e) {
                    // an endorser that cannot be read counts for nothing
                }
            }
        }
        var signers = channel.config().msps().verifiedSigners(signatures);
        List<Optional<Policy>> policies = new ArrayList<>();
        WrittenCollections written = WrittenCollections.of(local, chaincode);
        if (written.publicWrites() || written.collections().isEmpty()) {
            policies.add(channel.endorsementPolicy(chaincode));
        }
        written.collections().forEach(collection -> policies.add(channel.collectionEndorsementPolicy(chaincode, collection)));
        return !endorsed.isEmpty() && policies.stream().allMatch(policy -> policy.map(p -> p.evaluate(signers)).orElse(true));
    }

    /** What the local endorsement's read-write set writes in the chaincode's namespace: public keys, and which collections. */
    private record WrittenCollections(boolean publicWrites, List<String> collections) {
        static WrittenCollections of(ProposalResponse response, String chaincode) {
            try {
                TxReadWriteSet results = TxReadWriteSet.parseFrom(ChaincodeAction.parseFrom(
                        ProposalResponsePayload.parseFrom(response.getPayload()).getExtension()).getResults());
                for (NsReadWriteSet ns : results.getNsRwsetList()) {
                    if (ns.getNamespace().equals(chaincode)) {
                        KVRWSet rwset = KVRWSet.parseFrom(ns.getRwset());
                        List<String> collections = new ArrayList<>();
                        for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                            if (HashedRWSet.parseFrom(collection.getHashedRwset()).getHashedWritesCount() > 0) {
                                collections.add(collection.getCollectionName());
                            }
                        }
                        return new WrittenCollections(rwset.getWritesCount() > 0, collections);
                    }
                }
                return new WrittenCollections(false, List.of());
            } catch (InvalidProtocolBufferException e) {
                return new WrittenCollections(true, List.of());
            }
        }
    }

    private PeerChannel channel(String channelId) {
        return channels.channel(channelId).orElseThrow(() -> RpcErrors.error(Code.NOT_FOUND, "channel '" + channelId + "' not found"));
    }

    /** The gateway's ACLs (gateway/CommitStatus, gateway/ChaincodeEvents): the requester's signature under Readers. */
    private static void authorize(PeerChannel channel, ByteString identity, ByteString request, ByteString signature) {
        if (identity.isEmpty()) {
            throw RpcErrors.error(Code.INVALID_ARGUMENT, "no identity provided");
        }
        try {
            SignedData signedData = new SignedData(request, FabricIdentity.fromSerialized(identity), signature);
            if (!channel.config().satisfied(ChannelConfig.APPLICATION_READERS, List.of(signedData))) {
                throw RpcErrors.error(Code.PERMISSION_DENIED, "the requester does not satisfy " + ChannelConfig.APPLICATION_READERS);
            }
        } catch (IdentityException e) {
            throw RpcErrors.error(Code.PERMISSION_DENIED, "the requester's identity cannot be read: " + e.getMessage());
        }
    }

    private static long startBlock(PeerChannel channel, ChaincodeEventsRequest request) {
        if (!request.getAfterTransactionId().isEmpty()) {
            Optional<TransactionLocation> after = channel.peerLedger().transaction(request.getAfterTransactionId());
            if (after.isPresent()) {
                return after.get().blockNumber();
            }
        }
        return switch (request.getStartPosition().getTypeCase()) {
            case SPECIFIED -> request.getStartPosition().getSpecified().getNumber();
            case NEXT_COMMIT, TYPE_NOT_SET -> channel.peerLedger().height();
            default -> throw RpcErrors.error(Code.INVALID_ARGUMENT, "invalid start position type: " + request.getStartPosition().getTypeCase());
        };
    }

    private static Optional<Block> await(PeerChannel channel, long number, BooleanSupplier cancelled) {
        try {
            return channel.ledger().await(number, cancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static BooleanSupplier cancelled(StreamObserver<?> responses) {
        return responses instanceof ServerCallStreamObserver<?> call ? call::isCancelled : () -> false;
    }

    private static String chaincode(UnpackedProposal proposal) {
        try {
            return ChaincodeHeaderExtension.parseFrom(proposal.channelHeader().getExtension()).getChaincodeId().getName();
        } catch (InvalidProtocolBufferException e) {
            throw RpcErrors.error(Code.INVALID_ARGUMENT, "the proposal's chaincode header extension does not decode");
        }
    }

    private static UnpackedProposal unpack(SignedProposal signed) {
        try {
            return UnpackedProposal.unpack(signed);
        } catch (RuntimeException e) {
            throw RpcErrors.error(Code.INVALID_ARGUMENT, "failed to unpack transaction proposal: " + e.getMessage());
        }
    }

    private static boolean successful(ProposalResponse response) {
        int status = response.getResponse().getStatus();
        return status >= 200 && status < 400;
    }

    /** Fabric's responseStatus: a chaincode's own error is UNKNOWN, one the peer made (no payload) ABORTED. */
    private static Code code(ProposalResponse response) {
        return response.getPayload().isEmpty() ? Code.ABORTED : Code.UNKNOWN;
    }

    private static String message(ProposalResponse response) {
        return response.getPayload().isEmpty() ? response.getResponse().getMessage()
                : "chaincode response " + response.getResponse().getStatus() + ", " + response.getResponse().getMessage();
    }

    private static HostPort hostPort(String address) {
        int colon = address.lastIndexOf(':');
        return new HostPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private interface Parse<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse, String what) {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException e) {
            throw RpcErrors.error(Code.INVALID_ARGUMENT, what + ": " + e.getMessage());
        }
    }

    private static <T> void respond(StreamObserver<T> responses, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    /** Fabric's chaincodeEventMatcher: the chaincode's events of valid transactions, after a given transaction if any. */
    private static final class ChaincodeEventFilter {
        private final String chaincode;
        private final String afterTransaction;
        private boolean passed;

        ChaincodeEventFilter(String chaincode, String afterTransaction) {
            this.chaincode = chaincode;
            this.afterTransaction = afterTransaction;
            this.passed = afterTransaction.isEmpty();
        }

        List<ChaincodeEvent> events(List<DecodedTransaction> transactions) {
            Map<String, ChaincodeEvent> events = new LinkedHashMap<>();
            for (DecodedTransaction tx : transactions) {
                if (!tx.valid()) {
                    continue;
                }
                for (var action : tx.actions()) {
                    action.event().ifPresent(event -> {
                        if (!passed) {
                            passed = event.txId().equals(afterTransaction);
                            return;
                        }
                        if (event.chaincode().equals(chaincode)) {
                            events.put(event.txId(), ChaincodeEvent.newBuilder().setChaincodeId(event.chaincode())
                                    .setTxId(event.txId()).setEventName(event.eventName()).setPayload(event.payload()).build());
                        }
                    });
                }
            }
            return List.copyOf(events.values());
        }
    }
}
