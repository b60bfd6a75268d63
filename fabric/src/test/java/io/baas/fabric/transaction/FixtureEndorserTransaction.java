package io.baas.fabric.transaction;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * One endorser transaction of the fixture ledger: the decoded values (what a client asked for),
 * the envelope exactly as it is in the block, and the endorsed action it carries.
 */
record FixtureEndorserTransaction(long block, DecodedTransaction decoded, Envelope envelope, Payload payload,
        ChaincodeEndorsedAction endorsedAction) {

    static List<FixtureEndorserTransaction> all() {
        List<FixtureEndorserTransaction> all = new ArrayList<>();
        for (long number = 0; number < 12; number++) {
            all.addAll(inBlock(number));
        }
        return all;
    }

    static List<FixtureEndorserTransaction> inBlock(long number) {
        try {
            Block block = Block.parseFrom(Fixtures.block(number));
            List<DecodedTransaction> decoded = BlockDecoder.decode(block).transactions();
            List<FixtureEndorserTransaction> found = new ArrayList<>();
            for (DecodedTransaction tx : decoded) {
                if (tx.type() != HeaderType.ENDORSER_TRANSACTION) {
                    continue;
                }
                Envelope envelope = Envelope.parseFrom(block.getData().getData(tx.index()));
                Payload payload = Payload.parseFrom(envelope.getPayload());
                Transaction transaction = Transaction.parseFrom(payload.getData());
                ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
                found.add(new FixtureEndorserTransaction(number, tx, envelope, payload, action.getAction()));
            }
            return found;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    FabricIdentity creator() {
        return decoded.creator().orElseThrow();
    }

    /** The creator's signer from its cryptogen folder, e.g. Admin@org1.example.com. */
    EcdsaSigner creatorSigner() {
        String[] name = creator().commonName().split("@", 2);
        return Fixtures.signer(name[1], name[0], creator().mspId());
    }

    /** The endorsers' responses as the client received them: status 200 and the endorsed payload. */
    List<ProposalResponse> responses() {
        return endorsedAction.getEndorsementsList().stream()
                .map(endorsement -> ProposalResponse.newBuilder()
                        .setVersion(1)
                        .setResponse(Response.newBuilder().setStatus(200).setMessage("OK"))
                        .setPayload(endorsedAction.getProposalResponsePayload())
                        .setEndorsement(endorsement)
                        .build())
                .toList();
    }

    String where() {
        return "block " + block + " tx " + decoded.index() + " (" + decoded.txId() + ")";
    }
}
