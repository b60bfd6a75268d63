package io.baas.fabric.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The checks of protoutil.CreateSignedTx, on block 7's transaction (a->b 10, endorsed by both peers;
 * the block lists peer0.org2's endorsement first, so it is response 0 here).
 */
class TransactionEnvelopesTest {

    private final FixtureEndorserTransaction tx = FixtureEndorserTransaction.inBlock(7).get(0);
    private final ChaincodeProposal proposal = Proposals.create(
            ProposalRequest.invoke("mychannel", ChaincodeInvocation.of("simple", "invoke", "a", "b", "10")),
            tx.creator(), tx.decoded().nonce(), tx.decoded().timestamp());

    @Test
    void responsesWithDifferentResultsAreRefusedNamingTheEndorser() {
        List<ProposalResponse> responses = new ArrayList<>(tx.responses());
        ByteString otherResult = FixtureEndorserTransaction.inBlock(8).get(0).endorsedAction().getProposalResponsePayload();
        responses.set(1, responses.get(1).toBuilder().setPayload(otherResult).build());

        assertThatThrownBy(() -> TransactionEnvelopes.create(proposal, responses, tx.creatorSigner()))
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("response 1 from Org1MSP peer0.org1.example.com has a different result")
                .hasMessageContaining("response 0 from Org2MSP peer0.org2.example.com");
    }

    @Test
    void aFailedEndorsementIsRefusedWithItsStatus() {
        List<ProposalResponse> responses = new ArrayList<>(tx.responses());
        responses.set(0, responses.get(0).toBuilder()
                .setResponse(Response.newBuilder().setStatus(500).setMessage("Insufficient funds")).build());

        assertThatThrownBy(() -> TransactionEnvelopes.create(proposal, responses, tx.creatorSigner()))
                .isInstanceOf(TransactionException.class)
                .hasMessage("proposal response 0 from Org2MSP peer0.org2.example.com was not successful: status 500 Insufficient funds");
    }

    @Test
    void statusesUpTo399AreSuccessAsInFabric() {
        List<ProposalResponse> responses = tx.responses().stream()
                .map(r -> r.toBuilder().setResponse(Response.newBuilder().setStatus(399)).build()).toList();

        Envelope envelope = TransactionEnvelopes.create(proposal, responses, tx.creatorSigner());

        assertThat(envelope.getPayload()).isEqualTo(tx.envelope().getPayload());
        List<ProposalResponse> status400 = tx.responses().stream()
                .map(r -> r.toBuilder().setResponse(Response.newBuilder().setStatus(400)).build()).toList();
        assertThatThrownBy(() -> TransactionEnvelopes.create(proposal, status400, tx.creatorSigner()))
                .hasMessageContaining("status 400");
    }

    @Test
    void responsesWithoutEndorsementsAreRefused() {
        List<ProposalResponse> unendorsed = tx.responses().stream().map(r -> r.toBuilder().clearEndorsement().build()).toList();

        assertThatThrownBy(() -> TransactionEnvelopes.create(proposal, unendorsed, tx.creatorSigner()))
                .isInstanceOf(TransactionException.class)
                .hasMessage("no proposal response carries an endorsement");
        assertThatThrownBy(() -> TransactionEnvelopes.create(proposal, List.of(), tx.creatorSigner()))
                .isInstanceOf(TransactionException.class)
                .hasMessage("a transaction needs at least one proposal response");
    }

    @Test
    void aSignerWhoIsNotTheCreatorIsRefused() {
        var user1 = Fixtures.signer("org1.example.com", "User1", "Org1MSP");

        assertThatThrownBy(() -> TransactionEnvelopes.create(proposal, tx.responses(), user1))
                .isInstanceOf(TransactionException.class)
                .hasMessage("the proposal was created by Org1MSP Admin@org1.example.com but the signer is Org1MSP User1@org1.example.com");
        assertThatThrownBy(() -> proposal.sign(user1))
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("but the signer is Org1MSP User1@org1.example.com");
    }

    @Test
    void anEndorserThatAnswersTwiceIsCountedOnce() throws Exception {
        List<ProposalResponse> responses = new ArrayList<>(tx.responses());
        responses.add(responses.get(0));

        Envelope envelope = TransactionEnvelopes.create(proposal, responses, tx.creatorSigner());

        assertThat(envelope.getPayload()).isEqualTo(tx.envelope().getPayload());
    }

    @Test
    void theTransientMapReachesTheEndorsersButNotTheTransaction() throws Exception {
        ChaincodeInvocation secret = ChaincodeInvocation.of("simple", "invoke", "a", "b", "10")
                .withTransientData(Map.of("price", ByteString.copyFromUtf8("42")));
        ChaincodeProposal withTransient = Proposals.create(ProposalRequest.invoke("mychannel", secret),
                tx.creator(), tx.decoded().nonce(), tx.decoded().timestamp());

        ChaincodeProposalPayload proposed = ChaincodeProposalPayload.parseFrom(withTransient.proposal().getPayload());
        assertThat(proposed.getTransientMapMap()).containsEntry("price", ByteString.copyFromUtf8("42"));
        assertThat(withTransient.txId()).isEqualTo(tx.decoded().txId());

        Envelope envelope = TransactionEnvelopes.create(withTransient, tx.responses(), tx.creatorSigner());

        Transaction transaction = Transaction.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());
        ChaincodeProposalPayload committed = ChaincodeProposalPayload.parseFrom(
                ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload()).getChaincodeProposalPayload());
        assertThat(committed.getTransientMapMap()).isEmpty();
        assertThat(envelope.getPayload()).isEqualTo(tx.envelope().getPayload());
    }
}
