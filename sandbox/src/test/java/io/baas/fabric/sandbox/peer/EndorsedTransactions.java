package io.baas.fabric.sandbox.peer;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.commit.ProposalHashes;
import io.baas.fabric.transaction.ChaincodeInvocation;
import io.baas.fabric.transaction.ChaincodeProposal;
import io.baas.fabric.transaction.ProposalRequest;
import io.baas.fabric.transaction.Proposals;
import io.baas.fabric.transaction.TransactionEnvelopes;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * Endorser transactions made by hand, as endorsing peers would have produced them: a proposal of
 * the creator, one chaincode action with the given read-write set, endorsed by the given signers.
 * They let the committer be tested without running chaincode.
 */
public final class EndorsedTransactions {

    private EndorsedTransactions() {
    }

    public static Envelope create(Signer creator, String chaincode, KVRWSet rwset, List<Signer> endorsers) {
        return create(creator, chaincode, TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(chaincode).setRwset(rwset.toByteString())).build(), endorsers);
    }

    /** With a whole read-write set, private data collections' hashes included. */
    public static Envelope create(Signer creator, String chaincode, TxReadWriteSet results, List<Signer> endorsers) {
        ChaincodeProposal proposal = Proposals.create(ProposalRequest.invoke(SandboxNetwork.CHANNEL, ChaincodeInvocation.of(chaincode, "f")),
                creator.identity(), SandboxNetwork.CLOCK);
        ByteString payload = responsePayload(proposal, chaincode, results);
        List<ProposalResponse> responses = endorsers.stream().map(endorser -> {
            ByteString identity = endorser.identity().serialized();
            return ProposalResponse.newBuilder()
                    .setVersion(1)
                    .setResponse(Response.newBuilder().setStatus(200))
                    .setPayload(payload)
                    .setEndorsement(Endorsement.newBuilder().setEndorser(identity).setSignature(endorser.sign(payload.concat(identity))))
                    .build();
        }).toList();
        return TransactionEnvelopes.create(proposal, responses, creator);
    }

    /** The transaction id an envelope's channel header carries. */
    public static String txId(Envelope envelope) {
        try {
            return org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(org.hyperledger.fabric.protos.common.Payload
                    .parseFrom(envelope.getPayload()).getHeader().getChannelHeader()).getTxId();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteString responsePayload(ChaincodeProposal proposal, String chaincode, TxReadWriteSet results) {
        ChaincodeProposalPayload proposalPayload;
        try {
            proposalPayload = ChaincodeProposalPayload.parseFrom(proposal.proposal().getPayload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return ProposalResponsePayload.newBuilder()
                .setProposalHash(ProposalHashes.of(proposal.header().getChannelHeader(), proposal.header().getSignatureHeader(),
                        proposalPayload))
                .setExtension(ChaincodeAction.newBuilder()
                        .setResults(results.toByteString())
                        .setResponse(Response.newBuilder().setStatus(200))
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion("syscc"))
                        .build().toByteString())
                .build()
                .toByteString();
    }

    /** A write of a UTF-8 value, after reading the key at the version (empty: read before it existed). */
    public static KVRWSet readWrite(String key, Optional<Version> readVersion, String value) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        readVersion.ifPresent(read::setVersion);
        return KVRWSet.newBuilder()
                .addReads(read)
                .addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)))
                .build();
    }

    public static KVRWSet write(String key, String value) {
        return KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value))).build();
    }

    public static Version version(long block, long tx) {
        return Version.newBuilder().setBlockNum(block).setTxNum(tx).build();
    }
}
