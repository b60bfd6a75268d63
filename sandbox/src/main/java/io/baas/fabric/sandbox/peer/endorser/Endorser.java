package io.baas.fabric.sandbox.peer.endorser;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.operations.NodeMetrics;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.privdata.PrivateDataDistributor;
import io.baas.fabric.sandbox.peer.privdata.TransientStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInterest;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Endorser.ProcessProposal as Fabric 2.5 runs it: unpack; find the channel (an unknown one is a
 * status 500 answer); validate the proposal against the channel's MSPs or, without a channel, the
 * local MSP; refuse a transaction id the ledger has; check /Channel/Application/Writers for user
 * chaincodes (system chaincodes check their own ACLs); simulate; and answer by the chaincode's
 * status: 500 and above with the payload but no endorsement, 400 to 499 and every channel-less call
 * with the response only, below 400 endorsed by the peer (ESCC: signature over the response
 * payload followed by the peer's identity). Refusals before simulation throw {@link
 * ProposalException}, which the gRPC service answers with an error, as Fabric does.
 */
public final class Endorser {

    private static final String SYSTEM_VERSION = "syscc";
    private static final Set<String> NO_SIMULATOR = Set.of("cscc", "qscc");

    private final Signer signer;
    private final ChannelMsps localMsp;
    private final PeerChannels channels;
    private final Chaincodes chaincodes;
    private final PrivateDataDistributor distributor;
    private final TransientStore transientStore;
    private final NodeMetrics.Counter received;
    private final NodeMetrics.Counter successful;
    private final NodeMetrics.Counter validationFailures;
    private final NodeMetrics.Counter endorsementFailures;
    private final NodeMetrics.Histogram duration;

    public Endorser(Signer signer, ChannelMsps localMsp, PeerChannels channels, Chaincodes chaincodes, PrivateDataDistributor distributor,
                    TransientStore transientStore) {
        this(signer, localMsp, channels, chaincodes, distributor, transientStore, new NodeMetrics());
    }

    /** Counting what it does under Fabric's endorser metrics ({@code core/endorser/metrics.go}). */
    public Endorser(Signer signer, ChannelMsps localMsp, PeerChannels channels, Chaincodes chaincodes, PrivateDataDistributor distributor,
                    TransientStore transientStore, NodeMetrics metrics) {
        this.received = metrics.counter("endorser_proposals_received", "The number of proposals received.");
        this.successful = metrics.counter("endorser_successful_proposals", "The number of successful proposals.");
        this.validationFailures = metrics.counter("endorser_proposal_validation_failures",
                "The number of proposals that have failed initial validation.");
        this.endorsementFailures = metrics.counter("endorser_endorsement_failures", "The number of failed endorsements.",
                "channel", "chaincode", "chaincodeerror");
        this.duration = metrics.histogram("endorser_proposal_duration", "The time to complete a proposal.", NodeMetrics.DEFAULT_BUCKETS,
                "channel", "chaincode", "success");
        this.signer = signer;
        this.localMsp = localMsp;
        this.channels = channels;
        this.chaincodes = chaincodes;
        this.distributor = distributor;
        this.transientStore = transientStore;
    }

    public ProposalResponse process(SignedProposal signed) {
        long started = System.nanoTime();
        received.increment();
        UnpackedProposal proposal;
        Optional<PeerChannel> channel = Optional.empty();
        try {
            proposal = UnpackedProposal.unpack(signed);
            if (!proposal.channelId().isEmpty()) {
                channel = channels.channel(proposal.channelId());
                if (channel.isEmpty()) {
                    validationFailures.increment();
                    return failure(500, "channel '" + proposal.channelId() + "' not found");
                }
            }
            preProcess(proposal, channel);
        } catch (ProposalException e) {
            validationFailures.increment();
            throw e;
        }
        ProposalResponse response;
        boolean chaincodeError = true;
        try {
            response = endorse(proposal, channel);
        } catch (ChaincodeFailure e) {
            chaincodeError = false; // the peer failed to run it, not the chaincode's own answer
            response = failure(500, e.getMessage());
        }
        boolean success = response.getResponse().getStatus() < 400;
        duration.observe((System.nanoTime() - started) / 1e9, proposal.channelId(), proposal.chaincodeName(), String.valueOf(success));
        if (success) {
            successful.increment();
        } else {
            endorsementFailures.increment(proposal.channelId(), proposal.chaincodeName(), String.valueOf(chaincodeError));
        }
        return response;
    }

    private void preProcess(UnpackedProposal proposal, Optional<PeerChannel> channel) {
        try {
            proposal.validate(channel.map(c -> c.config().msps()).orElse(localMsp));
        } catch (ProposalException e) {
            throw new ProposalException("error validating proposal: " + e.getMessage());
        }
        if (channel.isEmpty()) {
            return;
        }
        if (channel.get().peerLedger().transaction(proposal.txId()).isPresent()) {
            throw new ProposalException("duplicate transaction found [" + proposal.txId() + "]. Creator [" + proposal.creatorHex() + "]");
        }
        if (chaincodes.system(proposal.chaincodeName()).isEmpty()) {
            try {
                new Acl(localMsp).check("peer/Propose", channel.get(), proposal, ChannelConfig.APPLICATION_WRITERS);
            } catch (Acl.AclException e) {
                throw new ProposalException(e.getMessage());
            }
        }
    }

    private ProposalResponse endorse(UnpackedProposal proposal, Optional<PeerChannel> channel) {
        boolean simulate = channel.isPresent() && !NO_SIMULATOR.contains(proposal.chaincodeName());
        try (TxSimulator simulator = simulate ? new TxSimulator(channel.get().peerLedger().state()) : null) {
            Invocation invocation = new Invocation(proposal, channel, Optional.ofNullable(simulator));
            Optional<Chaincodes.SystemChaincode> system = chaincodes.system(proposal.chaincodeName());
            String version;
            ChaincodeResult result;
            if (system.isPresent()) {
                version = SYSTEM_VERSION;
                result = system.get().invoke(invocation);
            } else {
                if (channel.isEmpty()) {
                    throw new ChaincodeFailure("chaincode " + proposal.chaincodeName() + " cannot be invoked without a channel");
                }
                try {
                    version = chaincodes.definedVersion(invocation);
                } catch (RuntimeException e) {
                    throw new ChaincodeFailure("make sure the chaincode " + proposal.chaincodeName() + " has been successfully defined on channel "
                            + proposal.channelId() + " and try again: " + e.getMessage());
                }
                result = chaincodes.execute(invocation);
            }
            TxReadWriteSet results = simulator == null ? null : simulator.results();
            ChaincodeInterest interest = interest(results, simulator);
            if (simulator != null) {
                simulator.done();
                Optional<ProposalResponse> refused = keepPrivateData(proposal, channel.get(), simulator.privateResults());
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            Response response = result.response();
            ByteString payload = ProposalResponsePayload.newBuilder()
                    .setProposalHash(proposal.proposalHash())
                    .setExtension(ChaincodeAction.newBuilder()
                            .setResults(results == null ? ByteString.EMPTY : results.toByteString())
                            .setEvents(result.event().map(event -> completeEvent(event, proposal).toByteString()).orElse(ByteString.EMPTY))
                            .setResponse(response)
                            .setChaincodeId(ChaincodeID.newBuilder().setName(proposal.chaincodeName()).setVersion(version))
                            .build().toByteString())
                    .build()
                    .toByteString();
            if (response.getStatus() >= 500) {
                return ProposalResponse.newBuilder().setResponse(response).setPayload(payload).setInterest(interest).build();
            }
            if (channel.isEmpty() || response.getStatus() >= 400) {
                return ProposalResponse.newBuilder().setResponse(response).build();
            }
            ByteString endorser = signer.identity().serialized();
            return ProposalResponse.newBuilder()
                    .setVersion(1)
                    .setEndorsement(Endorsement.newBuilder().setEndorser(endorser).setSignature(signer.sign(payload.concat(endorser))))
                    .setPayload(payload)
                    .setResponse(response)
                    .setInterest(interest)
                    .build();
        }
    }

    /** The peer names the chaincode and the transaction in the event the chaincode set. */
    private static ChaincodeEvent completeEvent(ChaincodeEvent event, UnpackedProposal proposal) {
        return event.toBuilder().setChaincodeId(proposal.chaincodeName()).setTxId(proposal.txId()).build();
    }

    /**
     * Fabric's endorser, before it answers: a transaction's private write sets are disseminated to
     * other peers of the collections' organizations, then kept in this peer's transient store until
     * the transaction commits; a dissemination that fails fails the proposal (status 500). This
     * happens whatever the chaincode answered, as in Fabric.
     */
    private Optional<ProposalResponse> keepPrivateData(UnpackedProposal proposal, PeerChannel channel, Optional<TxPvtReadWriteSet> rwset) {
        if (rwset.isEmpty()) {
            return Optional.empty();
        }
        long height = channel.peerLedger().height();
        try {
            distributor.distribute(channel, proposal.txId(), rwset.get(), height);
        } catch (PrivateDataDistributor.DistributionException e) {
            return Optional.of(failure(500, "error in simulation: failed to distribute private collection, txID " + proposal.txId()
                    + ", channel " + proposal.channelId() + ": " + e.getMessage()));
        }
        transientStore.persist(proposal.channelId(), proposal.txId(), rwset.get(), height);
        return Optional.empty();
    }

    /**
     * What the gateway plans endorsements from (Fabric's buildChaincodeInterest): each user
     * chaincode written publicly or only read, and each collection written or read, the latter
     * with no_private_reads when only hashes or writes touched it.
     */
    private ChaincodeInterest interest(TxReadWriteSet results, TxSimulator simulator) {
        ChaincodeInterest.Builder interest = ChaincodeInterest.newBuilder();
        if (results == null) {
            return interest.build();
        }
        for (NsReadWriteSet ns : results.getNsRwsetList()) {
            if (chaincodes.system(ns.getNamespace()).isPresent()) {
                continue;
            }
            boolean publicWrites = publicWrites(ns);
            boolean collectionWrites = false;
            List<ChaincodeCall> collections = new ArrayList<>();
            for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                boolean written = !collection.getPvtRwsetHash().isEmpty();
                boolean read = simulator.readPrivately(ns.getNamespace(), collection.getCollectionName());
                collectionWrites |= written;
                if (written || read) {
                    collections.add(ChaincodeCall.newBuilder().setName(ns.getNamespace()).addCollectionNames(collection.getCollectionName())
                            .setNoPrivateReads(!read).build());
                }
            }
            if (publicWrites || !collectionWrites) {
                interest.addChaincodes(ChaincodeCall.newBuilder().setName(ns.getNamespace()));
            }
            interest.addAllChaincodes(collections);
        }
        return interest.build();
    }

    private static boolean publicWrites(NsReadWriteSet ns) {
        try {
            KVRWSet rwset = KVRWSet.parseFrom(ns.getRwset());
            return rwset.getWritesCount() > 0 || rwset.getMetadataWritesCount() > 0;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return true;
        }
    }

    private static ProposalResponse failure(int status, String message) {
        return ProposalResponse.newBuilder().setResponse(Response.newBuilder().setStatus(status).setMessage(message)).build();
    }

    /** A failure after validation: Fabric answers it with status 500 and no gRPC error. */
    static final class ChaincodeFailure extends RuntimeException {
        ChaincodeFailure(String message) {
            super(message);
        }
    }
}
