package io.baas.fabric.transaction;

import com.google.protobuf.ByteString;
import com.google.protobuf.Parser;
import io.baas.fabric.Protos;
import io.baas.fabric.identity.Signer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Turns a proposal and its endorsements into the transaction envelope for the orderer, with the
 * checks and layout of Fabric's {@code protoutil.CreateSignedTx}: the signer must be the proposal's
 * creator; every response must have a status in [200, 400) and the same proposal response payload;
 * endorsements are taken once per endorser, in response order; the chaincode proposal payload
 * goes into the transaction without its transient map; the payload keeps the proposal's header.
 */
public final class TransactionEnvelopes {

    private TransactionEnvelopes() {
    }

    public static Envelope create(ChaincodeProposal proposal, List<ProposalResponse> responses, Signer creator) {
        return create(proposal.proposal(), responses, creator);
    }

    public static Envelope create(Proposal proposal, List<ProposalResponse> responses, Signer creator) {
        Header header = parse(Header.parser(), proposal.getHeader(), "proposal header");
        SignatureHeader signatureHeader = parse(SignatureHeader.parser(), header.getSignatureHeader(), "proposal signature header");
        Proposals.requireCreator(creator, signatureHeader.getCreator(), "proposal");
        ByteString payload = prepare(proposal, responses);
        return Envelope.newBuilder().setPayload(payload).setSignature(creator.sign(payload)).build();
    }

    /**
     * The transaction's payload, for its creator to sign: what a Fabric gateway returns as the
     * prepared transaction, since the gateway holds no client key.
     */
    public static ByteString prepare(Proposal proposal, List<ProposalResponse> responses) {
        if (responses.isEmpty()) {
            throw new TransactionException("a transaction needs at least one proposal response");
        }
        Header header = parse(Header.parser(), proposal.getHeader(), "proposal header");
        ChaincodeProposalPayload proposalPayload = parse(ChaincodeProposalPayload.parser(), proposal.getPayload(),
                "chaincode proposal payload");

        ByteString responsePayload = agreedPayload(responses);
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                // The transient map stays with the endorsers: it must never reach the ledger.
                .setChaincodeProposalPayload(ChaincodeProposalPayload.newBuilder().setInput(proposalPayload.getInput())
                        .build().toByteString())
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(responsePayload)
                        .addAllEndorsements(distinctEndorsements(responses)))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(header.getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        return Payload.newBuilder().setHeader(header).setData(transaction.toByteString()).build().toByteString();
    }

    /** The payload every endorser signed; a failed or disagreeing response names its endorser. */
    private static ByteString agreedPayload(List<ProposalResponse> responses) {
        ByteString first = responses.get(0).getPayload();
        for (int i = 0; i < responses.size(); i++) {
            ProposalResponse response = responses.get(i);
            int status = response.getResponse().getStatus();
            if (status < 200 || status >= 400) {
                throw new TransactionException("proposal response " + i + " from " + endorser(response)
                        + " was not successful: status " + status + " " + response.getResponse().getMessage());
            }
            if (!response.getPayload().equals(first)) {
                throw new TransactionException("proposal response " + i + " from " + endorser(response)
                        + " has a different result than response 0 from " + endorser(responses.get(0))
                        + " (the endorsers simulated different states or the chaincode is not deterministic)");
            }
        }
        return first;
    }

    private static List<Endorsement> distinctEndorsements(List<ProposalResponse> responses) {
        Set<ByteString> endorsers = new HashSet<>();
        List<Endorsement> endorsements = new ArrayList<>();
        for (ProposalResponse response : responses) {
            if (response.hasEndorsement() && endorsers.add(response.getEndorsement().getEndorser())) {
                endorsements.add(response.getEndorsement());
            }
        }
        if (endorsements.isEmpty()) {
            throw new TransactionException("no proposal response carries an endorsement");
        }
        return endorsements;
    }

    private static String endorser(ProposalResponse response) {
        return response.hasEndorsement() ? Proposals.describe(response.getEndorsement().getEndorser()) : "an unnamed endorser";
    }

    private static <T> T parse(Parser<T> parser, ByteString bytes, String what) {
        return Protos.parse(parser, bytes, what, TransactionException::new);
    }
}
