package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.Signer;
import java.time.Clock;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;

/**
 * Builds chaincode proposals as Fabric's {@code protoutil.CreateChaincodeProposalWithTxIDNonceAndTransient}
 * does: channel header (type, channel, tx id, timestamp with nanoseconds, epoch 0, version 0, a
 * ChaincodeHeaderExtension naming the chaincode), signature header (serialized creator, nonce),
 * and a ChaincodeProposalPayload holding the invocation spec and the transient map.
 */
public final class Proposals {

    private Proposals() {
    }

    /** A proposal with a fresh random nonce, timestamped by the clock. */
    public static ChaincodeProposal create(ProposalRequest request, FabricIdentity creator, Clock clock) {
        return create(request, creator, Nonces.random(), clock.instant());
    }

    /** A proposal with the given nonce and timestamp: reproducible, for tests and for re-building a known proposal. */
    public static ChaincodeProposal create(ProposalRequest request, FabricIdentity creator, ByteString nonce, Instant timestamp) {
        if (nonce.isEmpty()) {
            throw new TransactionException("a proposal needs a nonce");
        }
        String txId = TransactionIds.compute(nonce, creator.serialized());
        ChaincodeInvocation invocation = request.invocation();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(request.headerType().getNumber())
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()).setNanos(timestamp.getNano()))
                .setChannelId(request.channelId())
                .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(invocation.chaincodeId()).build().toByteString())
                .setEpoch(0)
                .build();
        Header header = Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString())
                .setSignatureHeader(SignatureHeader.newBuilder().setCreator(creator.serialized()).setNonce(nonce).build().toByteString())
                .build();
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.newBuilder()
                .setInput(invocation.spec().toByteString())
                .putAllTransientMap(invocation.transientData())
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(header.toByteString())
                .setPayload(payload.toByteString())
                .build();
        return new ChaincodeProposal(txId, creator, header, proposal);
    }

    /** Fabric refuses to sign for someone else: the signer must be the identity in the header. */
    static void requireCreator(Signer signer, ByteString creator, String what) {
        if (!signer.identity().serialized().equals(creator)) {
            FabricIdentity signerIdentity = signer.identity();
            throw new TransactionException("the " + what + " was created by " + describe(creator) + " but the signer is "
                    + signerIdentity.mspId() + " " + signerIdentity.commonName());
        }
    }

    static String describe(ByteString serializedIdentity) {
        try {
            FabricIdentity identity = FabricIdentity.fromSerialized(serializedIdentity);
            return identity.mspId() + " " + identity.commonName();
        } catch (IdentityException e) {
            return "an unreadable identity";
        }
    }
}
