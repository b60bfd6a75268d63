package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.commit.ValidatedTransaction;
import io.baas.fabric.sandbox.peer.ledger.PrivateHash;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.sandbox.peer.privdata.PeerPrivateData;
import io.baas.fabric.sandbox.peer.privdata.TransientStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The committer's private data rules on an Org1 peer, with transactions written into
 * {@code _lifecycle}'s implicit collections as Fabric's approvals are: a valid write brings its
 * hash and, from the transient store, its value; private data that does not match the block's hash
 * is not taken and the transaction stays valid (Fabric: missing data to reconcile later);
 * collection writes fail endorsement without the collection's policy or for an unknown collection;
 * a stale hashed read is an MVCC conflict; an unreadable hashed read-write set is BAD_RWSET.
 */
class PrivateDataCommitTest {

    private static final String NS = CommittedDefinitions.NAMESPACE;
    private static final String ORG1 = "_implicit_org_Org1MSP";
    private final SandboxNetwork network = new SandboxNetwork();
    private final TransientStore transientStore = new TransientStore();
    private PeerChannel channel;

    @BeforeEach
    void join() {
        Block genesis = network.genesis(network.channel(new BatchSize(10, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofSeconds(2)));
        channel = new PeerChannel(SandboxNetwork.CHANNEL, genesis, SandboxNetwork.configOf(genesis), new CommittedDefinitions(),
                new PeerPrivateData("Org1MSP", transientStore));
    }

    /** A simulation's public results and private write sets. */
    private record Simulated(TxReadWriteSet results, TxPvtReadWriteSet privateResults) {
    }

    private Simulated simulate(Consumer<TxSimulator> writes) {
        try (TxSimulator simulator = new TxSimulator(channel.peerLedger().state())) {
            writes.accept(simulator);
            return new Simulated(simulator.results(), simulator.privateResults().orElse(TxPvtReadWriteSet.getDefaultInstance()));
        }
    }

    private Envelope endorsed(Simulated simulated, Signer... endorsers) {
        return EndorsedTransactions.create(network.org1Admin, NS, simulated.results(), List.of(endorsers));
    }

    private List<TxValidationCode> commit(Envelope... envelopes) {
        return channel.commit(TestBlocks.nextOf(channel.peerLedger().last(), envelopes)).transactions().stream()
                .map(ValidatedTransaction::code).toList();
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }

    @Test
    void aValidWriteBringsTheHashAndTheValueTheTransientStoreHeld() {
        Simulated simulated = simulate(s -> s.putPrivate(NS, ORG1, "offer", utf8("42")));
        Envelope tx = endorsed(simulated, network.org1Peer);
        transientStore.persist(SandboxNetwork.CHANNEL, EndorsedTransactions.txId(tx), simulated.privateResults(), 1);

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        WorldState state = channel.peerLedger().state();
        assertThat(state.privateHash(NS, ORG1, PrivateHash.keyHash("offer")).orElseThrow().valueHash()).isEqualTo(Sha256.digest(utf8("42")));
        assertThat(state.privateValue(NS, ORG1, "offer").orElseThrow().value()).isEqualTo(utf8("42"));
        assertThat(transientStore.get(SandboxNetwork.CHANNEL, EndorsedTransactions.txId(tx))).as("taken at commit").isEmpty();
    }

    @Test
    void privateDataThatDoesNotMatchTheBlocksHashIsNotTakenAndTheTransactionStaysValid() {
        Simulated simulated = simulate(s -> s.putPrivate(NS, ORG1, "offer", utf8("42")));
        Simulated forged = simulate(s -> s.putPrivate(NS, ORG1, "offer", utf8("4200")));
        Envelope tx = endorsed(simulated, network.org1Peer);
        transientStore.persist(SandboxNetwork.CHANNEL, EndorsedTransactions.txId(tx), forged.privateResults(), 1);

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        WorldState state = channel.peerLedger().state();
        assertThat(state.privateHash(NS, ORG1, PrivateHash.keyHash("offer"))).isPresent();
        assertThat(state.privateValue(NS, ORG1, "offer")).isEmpty();
        try (TxSimulator simulator = new TxSimulator(state)) {
            assertThatThrownBy(() -> simulator.getPrivate(NS, ORG1, "offer"))
                    .hasMessage("private data matching public hash version is not available. Public hash version = {BlockNum: 1, TxNum: 0},"
                            + " Private data version = <nil>");
        }
    }

    @Test
    void collectionWritesNeedTheCollectionsPolicyAndAKnownCollection() {
        Simulated toOrg2 = simulate(s -> s.putPrivate(NS, "_implicit_org_Org2MSP", "offer", utf8("1")));
        Simulated unknown = simulate(s -> s.putPrivate(NS, "nope", "offer", utf8("1")));

        assertThat(commit(endorsed(toOrg2, network.org1Peer), endorsed(toOrg2, network.org2Peer), endorsed(unknown, network.org1Peer,
                network.org2Peer))).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID,
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(channel.peerLedger().state().privateHash(NS, "nope", PrivateHash.keyHash("offer"))).isEmpty();
    }

    @Test
    void aHashedReadOfAVersionThatChangedIsAnMvccConflict() {
        Simulated first = simulate(s -> s.putPrivate(NS, ORG1, "offer", utf8("1")));
        Simulated readThenWrite = simulate(s -> {
            s.getPrivateHash(NS, ORG1, "offer");
            s.putPrivate(NS, ORG1, "offer", utf8("2"));
        });

        assertThat(commit(endorsed(first, network.org1Peer), endorsed(readThenWrite, network.org1Peer)))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(commit(endorsed(readThenWrite, network.org1Peer))).as("read before the key existed; it exists now")
                .containsExactly(TxValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void anUnreadableHashedReadWriteSetIsABadRwset() {
        TxReadWriteSet results = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(NS).addCollectionHashedRwset(CollectionHashedReadWriteSet.newBuilder()
                        .setCollectionName(ORG1).setHashedRwset(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))))
                .build();

        assertThat(commit(EndorsedTransactions.create(network.org1Admin, NS, results, List.of(network.org1Peer))))
                .containsExactly(TxValidationCode.BAD_RWSET);
    }
}
