package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;

/**
 * The proposal hash endorsers put into their responses (protoutil.GetProposalHash1/2): SHA-256 of
 * the channel header bytes, the signature header bytes, and the chaincode proposal payload
 * re-encoded without its transient map.
 */
public final class ProposalHashes {

    private ProposalHashes() {
    }

    public static ByteString of(ByteString channelHeader, ByteString signatureHeader, ChaincodeProposalPayload payload) {
        ByteString withoutTransient = ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build().toByteString();
        return Sha256.digest(channelHeader, signatureHeader, withoutTransient);
    }
}
