package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.Signer;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A proposal with its transaction id and creator. The proposal's bytes are fixed once built: the
 * endorsers hash exactly these header and payload bytes into their responses.
 */
public record ChaincodeProposal(String txId, FabricIdentity creator, Header header, Proposal proposal) {

    /** Signs the proposal bytes as the creator; the signer must hold the creator's identity. */
    public SignedProposal sign(Signer signer) {
        Proposals.requireCreator(signer, creator.serialized(), "proposal");
        ByteString bytes = proposal.toByteString();
        return SignedProposal.newBuilder().setProposalBytes(bytes).setSignature(signer.sign(bytes)).build();
    }
}
