package io.baas.fabric.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.ChaincodeCall;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.LifecycleProposals;
import io.baas.fabric.lifecycle.LifecycleRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.junit.jupiter.api.Test;

/**
 * Every endorser transaction of the fixture ledger (blocks 3 to 11) rebuilt from what its client
 * asked for and the endorsements the block carries: the proposal gives the same tx id and header
 * bytes, and the envelope payload is byte for byte the one the peer CLI sent.
 */
class TransactionFixtureTest {

    private static final String PACKAGE_ID = "simple_1.0:94b7c6b5c82d5ed599702c56da88afe665360bd7038964a4caca678430128e9d";
    private static final ChaincodeDefinition SIMPLE = ChaincodeDefinition.of("simple", "1.0", 1, true);

    /** The calls as the README and facts.json describe them, written with the public factories. */
    private static ProposalRequest described(FixtureEndorserTransaction tx) {
        JsonNode facts = Fixtures.facts().get("blocks").get((int) tx.block()).get("transactions").get(tx.decoded().index());
        String channel = Fixtures.facts().get("channel").asText();
        return switch ((int) tx.block()) {
            case 3, 4 -> LifecycleProposals.onChannel(channel, new LifecycleRequest.ApproveForMyOrg(SIMPLE, Optional.of(PACKAGE_ID)));
            case 5 -> LifecycleProposals.onChannel(channel, new LifecycleRequest.CommitDefinition(SIMPLE));
            default -> {
                String[] args = StreamSupport.stream(facts.get("args").spliterator(), false).map(JsonNode::asText)
                        .toArray(String[]::new);
                ChaincodeInvocation invocation = ChaincodeInvocation.of(facts.get("chaincode").asText(), args);
                yield ProposalRequest.invoke(channel, facts.get("is_init").asBoolean() ? invocation.asInit() : invocation);
            }
        };
    }

    /** The same call taken from the decoded block instead (creator, chaincode, spec type, args, is_init). */
    private static ProposalRequest decoded(FixtureEndorserTransaction tx) {
        ChaincodeCall call = tx.decoded().actions().get(0).call();
        return ProposalRequest.invoke(tx.decoded().channelId(),
                new ChaincodeInvocation(call.chaincode(), call.specType(), call.args(), call.init(), Map.of()));
    }

    private static ChaincodeProposal rebuild(FixtureEndorserTransaction tx, ProposalRequest request) {
        return Proposals.create(request, tx.creator(), tx.decoded().nonce(), tx.decoded().timestamp());
    }

    @Test
    void theFixtureHasTenEndorserTransactions() {
        List<FixtureEndorserTransaction> all = FixtureEndorserTransaction.all();
        assertThat(all).extracting(FixtureEndorserTransaction::block).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 10L, 11L);
        assertThat(all).extracting(tx -> tx.decoded().txId())
                .containsExactlyElementsOf(fixtureTxIds());
    }

    @Test
    void transactionIdsRecomputeFromNonceAndCreator() {
        for (FixtureEndorserTransaction tx : FixtureEndorserTransaction.all()) {
            assertThat(TransactionIds.compute(tx.decoded().nonce(), tx.creator().serialized()))
                    .as(tx.where()).isEqualTo(tx.decoded().txId());
        }
    }

    @Test
    void proposalsForTheDescribedCallsHaveTheFixtureTxIdAndHeaderBytes() {
        for (FixtureEndorserTransaction tx : FixtureEndorserTransaction.all()) {
            ChaincodeProposal proposal = rebuild(tx, described(tx));

            assertThat(proposal.txId()).as(tx.where()).isEqualTo(tx.decoded().txId());
            assertThat(proposal.header().toByteString()).as(tx.where()).isEqualTo(tx.payload().getHeader().toByteString());
            assertThat(proposal.header()).as(tx.where()).isEqualTo(tx.payload().getHeader());
            // Same inputs taken from the decoded block give the same proposal bytes.
            assertThat(rebuild(tx, decoded(tx)).proposal()).as(tx.where()).isEqualTo(proposal.proposal());
        }
    }

    @Test
    void envelopesRebuiltFromProposalAndEndorsementsHaveTheFixturePayloadBytes() {
        for (FixtureEndorserTransaction tx : FixtureEndorserTransaction.all()) {
            ChaincodeProposal proposal = rebuild(tx, described(tx));

            Envelope envelope = TransactionEnvelopes.create(proposal, tx.responses(), tx.creatorSigner());

            assertThat(envelope.getPayload()).as(tx.where()).isEqualTo(tx.envelope().getPayload());
            // ECDSA is randomized: our signature differs, but it verifies with the creator's certificate...
            assertThat(envelope.getSignature()).as(tx.where()).isNotEqualTo(tx.envelope().getSignature());
            assertThat(new SignedData(envelope.getPayload(), tx.creator(), envelope.getSignature()).verify()).as(tx.where()).isTrue();
            // ...and with the fixture's own signature the envelope is the block's envelope, byte for byte.
            assertThat(envelope.toBuilder().setSignature(tx.envelope().getSignature()).build().toByteString())
                    .as(tx.where()).isEqualTo(tx.envelope().toByteString());
        }
    }

    @Test
    void signedProposalsVerifyWithTheCreatorsCertificate() {
        FixtureEndorserTransaction tx = FixtureEndorserTransaction.inBlock(9).get(0);
        ChaincodeProposal proposal = rebuild(tx, described(tx));

        var signed = proposal.sign(tx.creatorSigner());

        assertThat(signed.getProposalBytes()).isEqualTo(proposal.proposal().toByteString());
        assertThat(new SignedData(signed.getProposalBytes(), tx.creator(), signed.getSignature()).verify()).isTrue();
        assertThat(tx.creator().commonName()).isEqualTo("User1@org1.example.com");
    }

    @Test
    void lifecycleProposalsAreUndefinedSpecTypeAndUserChaincodeProposalsGolang() {
        assertThat(FixtureEndorserTransaction.inBlock(5).get(0).decoded().actions().get(0).call().specType())
                .isEqualTo(described(FixtureEndorserTransaction.inBlock(5).get(0)).invocation().specType());
        assertThat(described(FixtureEndorserTransaction.inBlock(7).get(0)).headerType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION);
    }

    private static List<String> fixtureTxIds() {
        List<String> ids = new ArrayList<>();
        for (int block = 3; block < 12; block++) {
            Fixtures.facts().get("blocks").get(block).get("transactions").forEach(tx -> ids.add(tx.get("tx_id").asText()));
        }
        return ids;
    }
}
