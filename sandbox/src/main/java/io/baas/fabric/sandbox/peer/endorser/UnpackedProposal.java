package io.baas.fabric.sandbox.peer.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.baas.fabric.configtx.ChannelMsps;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.sandbox.peer.commit.ProposalHashes;
import io.baas.fabric.transaction.TransactionIds;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal taken apart as Fabric's endorser does (UnpackProposal), with the proposal hash
 * the response will carry, and its validation (header type, epoch, nonce, creator, transaction id,
 * then the creator against the MSPs and its signature).
 */
public record UnpackedProposal(SignedProposal signed, Proposal proposal, ChannelHeader channelHeader, SignatureHeader signatureHeader,
        String chaincodeName, ChaincodeInput input, ChaincodeProposalPayload payload, ByteString proposalHash) {

    public static UnpackedProposal unpack(SignedProposal signed) {
        Proposal proposal = parse(Proposal.parser(), signed.getProposalBytes(), "proposal");
        Header header = parse(Header.parser(), proposal.getHeader(), "header");
        ChannelHeader channelHeader = parse(ChannelHeader.parser(), header.getChannelHeader(), "channel header");
        SignatureHeader signatureHeader = parse(SignatureHeader.parser(), header.getSignatureHeader(), "signature header");
        ChaincodeHeaderExtension extension = parse(ChaincodeHeaderExtension.parser(), channelHeader.getExtension(),
                "chaincode header extension");
        if (!extension.hasChaincodeId()) {
            throw new ProposalException("ChaincodeHeaderExtension.ChaincodeId is nil");
        }
        if (extension.getChaincodeId().getName().isEmpty()) {
            throw new ProposalException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
        }
        ChaincodeProposalPayload payload = parse(ChaincodeProposalPayload.parser(), proposal.getPayload(), "chaincode proposal payload");
        ChaincodeInvocationSpec spec = parse(ChaincodeInvocationSpec.parser(), payload.getInput(), "chaincode invocation spec");
        if (!spec.hasChaincodeSpec()) {
            throw new ProposalException("chaincode invocation spec did not contain chaincode spec");
        }
        if (!spec.getChaincodeSpec().hasInput()) {
            throw new ProposalException("chaincode input did not contain any input");
        }
        return new UnpackedProposal(signed, proposal, channelHeader, signatureHeader, extension.getChaincodeId().getName(),
                spec.getChaincodeSpec().getInput(), payload,
                ProposalHashes.of(header.getChannelHeader(), header.getSignatureHeader(), payload));
    }

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public String txId() {
        return channelHeader.getTxId();
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
    }

    public List<ByteString> args() {
        return input.getArgsList();
    }

    /** The creator's signature over the proposal bytes, as ACL policies evaluate it. */
    public SignedData signedData() {
        return new SignedData(signed.getProposalBytes(), creator(), signed.getSignature());
    }

    public FabricIdentity creator() {
        try {
            return FabricIdentity.fromSerialized(signatureHeader.getCreator());
        } catch (IdentityException e) {
            throw new ProposalException("access denied: channel [" + channelId() + "] creator org unknown, creator is malformed");
        }
    }

    /** UnpackedProposal.Validate with the channel's MSPs, or the local MSP for a channel-less proposal. */
    public FabricIdentity validate(ChannelMsps msps) {
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
            throw new ProposalException("invalid header type " + HeaderType.forNumber(type));
        }
        if (channelHeader.getEpoch() != 0) {
            throw new ProposalException("epoch is non-zero");
        }
        if (signatureHeader.getNonce().isEmpty()) {
            throw new ProposalException("nonce is empty");
        }
        if (signatureHeader.getCreator().isEmpty()) {
            throw new ProposalException("creator is empty");
        }
        String expected = TransactionIds.compute(signatureHeader.getNonce(), signatureHeader.getCreator());
        if (!expected.equals(txId())) {
            throw new ProposalException("incorrectly computed txid '" + txId() + "' -- expected '" + expected + "'");
        }
        if (signed.getSignature().isEmpty()) {
            throw new ProposalException("empty signature bytes");
        }
        FabricIdentity creator = creator();
        if (!msps.knows(creator.mspId())) {
            throw new ProposalException("access denied: channel [" + channelId() + "] creator org unknown, creator is malformed");
        }
        if (!msps.isValid(creator) || !signedData().verify()) {
            throw new ProposalException("access denied: channel [" + channelId() + "] creator org [" + creator.mspId() + "]");
        }
        return creator;
    }

    public String creatorHex() {
        return HexFormat.of().formatHex(signatureHeader.getCreator().toByteArray());
    }

    private static <T> T parse(Parser<T> parser, ByteString bytes, String what) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalException("error unmarshalling " + what + ": " + e.getMessage());
        }
    }
}
