package io.baas.fabric.sandbox.peer;

import static io.baas.fabric.sandbox.peer.EndorsedTransactions.readWrite;
import static io.baas.fabric.sandbox.peer.EndorsedTransactions.version;
import static io.baas.fabric.sandbox.peer.EndorsedTransactions.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.channel.ChannelConfig;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.commit.BlockCommitter;
import io.baas.fabric.sandbox.peer.ledger.HistoryEntry;
import io.baas.fabric.sandbox.peer.ledger.VersionedValue;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit path against hand-made blocks: each validation code Fabric gives, the transactions
 * filter, and a world state and history changed by valid transactions only. The `_lifecycle`
 * namespace serves as the chaincode, since its policy (/Channel/Application/LifecycleEndorsement,
 * MAJORITY Endorsement) needs no definition.
 */
class BlockCommitterTest {

    private static final String NS = CommittedDefinitions.NAMESPACE;
    private final SandboxNetwork network = new SandboxNetwork();
    private PeerChannel channel;
    private List<Signer> bothPeers;

    @BeforeEach
    void join() throws Exception {
        Block genesis = network.genesis(network.channel(new BatchSize(10, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofSeconds(2)));
        Envelope envelope = Envelope.parseFrom(genesis.getData().getData(0));
        ConfigEnvelope config = ConfigEnvelope.parseFrom(Payload.parseFrom(envelope.getPayload()).getData());
        channel = new PeerChannel(SandboxNetwork.CHANNEL, genesis, ChannelConfig.of(config.getConfig()), new CommittedDefinitions());
        bothPeers = List.of(network.org1Peer, network.org2Peer);
    }

    private BlockCommitter.Committed commit(Envelope... envelopes) {
        return channel.commit(TestBlocks.nextOf(channel.peerLedger().last(), envelopes));
    }

    private List<TxValidationCode> codes(BlockCommitter.Committed committed) {
        return committed.transactions().stream().map(tx -> tx.code()).toList();
    }

    private Envelope valid(KVRWSet rwset) {
        return EndorsedTransactions.create(network.org1Admin, NS, rwset, bothPeers);
    }

    /**
     * Committed blocks carry what a Fabric peer's do (the fixture's peer copies): five metadata
     * entries, the filter, and a commit hash chained from block 1 on, while the join block has none
     * (CommitHashTest reproduces the fixture's hashes themselves).
     */
    @Test
    void committedBlocksHaveTheMetadataOfTheFixturePeerCopiesWithAChainedCommitHash() throws Exception {
        Block fabricJoin = Block.parseFrom(io.baas.fabric.Fixtures.block(0));
        Block fabricCommitted = Block.parseFrom(io.baas.fabric.Fixtures.block(7));
        Block ours = channel.peerLedger().block(0).orElseThrow();
        assertSameMetadataShape(ours, fabricJoin);

        Block first = commit(valid(write("k", "v1"))).block();
        Block second = commit(valid(write("k", "v2"))).block();
        assertSameMetadataShape(first, fabricCommitted);
        assertSameMetadataShape(second, fabricCommitted);
        ByteString firstHash = org.hyperledger.fabric.protos.common.Metadata.parseFrom(
                first.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue();
        ByteString secondHash = org.hyperledger.fabric.protos.common.Metadata.parseFrom(
                second.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).getValue();
        assertThat(firstHash.size()).isEqualTo(32);
        assertThat(secondHash).isNotEqualTo(firstHash);
        assertThat(io.baas.fabric.block.BlockDecoder.decode(second).metadata().commitHash()).contains(secondHash);
    }

    /** The entries the peer writes; the orderer's (signatures, last config) are BroadcastDeliverTest's. */
    private static void assertSameMetadataShape(Block ours, Block fabrics) {
        assertThat(ours.getMetadata().getMetadataCount()).isEqualTo(fabrics.getMetadata().getMetadataCount()).isEqualTo(5);
        for (int i : new int[] {BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, BlockMetadataIndex.COMMIT_HASH_VALUE}) {
            assertThat(ours.getMetadata().getMetadata(i).isEmpty()).as("metadata entry %d empty", i)
                    .isEqualTo(fabrics.getMetadata().getMetadata(i).isEmpty());
            assertThat(ours.getMetadata().getMetadata(i).size()).as("metadata entry %d size", i)
                    .isEqualTo(fabrics.getMetadata().getMetadata(i).size());
        }
    }

    @Test
    void aValidTransactionChangesTheStateAndTheFilterSaysValid() {
        BlockCommitter.Committed committed = commit(valid(write("k", "v1")));

        assertThat(codes(committed)).containsExactly(TxValidationCode.VALID);
        assertThat(committed.block().getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE))
                .isEqualTo(ByteString.copyFrom(new byte[] {0}));
        assertThat(channel.peerLedger().state().get(NS, "k"))
                .contains(new VersionedValue(ByteString.copyFromUtf8("v1"), 1, 0));
        assertThat(channel.peerLedger().height()).isEqualTo(2);
    }

    @Test
    void endorsementsOfOneOrganizationFailAMajorityPolicyAndLeaveTheStateAlone() {
        BlockCommitter.Committed committed = commit(EndorsedTransactions.create(network.org1Admin, NS, write("k", "v"),
                List.of(network.org1Peer)));

        assertThat(codes(committed)).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(committed.block().getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE))
                .isEqualTo(ByteString.copyFrom(new byte[] {10}));
        assertThat(channel.peerLedger().state().get(NS, "k")).isEmpty();
    }

    @Test
    void anEndorsementByAUserIsNoPeerEndorsement() {
        assertThat(codes(commit(EndorsedTransactions.create(network.org1Admin, NS, write("k", "v"),
                List.of(network.org1Peer, network.org2Admin))))).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void aStaleReadInTheSameBlockIsAnMvccConflictAndOnlyTheFirstWriteCounts() {
        BlockCommitter.Committed committed = commit(valid(readWrite("k", Optional.empty(), "first")),
                valid(readWrite("k", Optional.empty(), "second")));

        assertThat(codes(committed)).containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(channel.peerLedger().state().get(NS, "k").orElseThrow().value().toStringUtf8()).isEqualTo("first");
    }

    @Test
    void aReadOfTheCommittedVersionIsValidAndAnOlderOneConflicts() {
        commit(valid(write("k", "v1")));

        assertThat(codes(commit(valid(readWrite("k", Optional.of(version(1, 0)), "v2"))))).containsExactly(TxValidationCode.VALID);
        assertThat(codes(commit(valid(readWrite("k", Optional.of(version(1, 0)), "v3")))))
                .containsExactly(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(channel.peerLedger().state().history(NS, "k")).extracting(HistoryEntry::value)
                .containsExactly(ByteString.copyFromUtf8("v2"), ByteString.copyFromUtf8("v1"));
    }

    @Test
    void aRangeThatGainedAKeyIsAPhantomRead() {
        commit(valid(write("a1", "x")));
        KVRWSet rangeRead = KVRWSet.newBuilder()
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("a").setEndKey("b").setItrExhausted(true)
                        .setRawReads(QueryReads.newBuilder().addKvReads(KVRead.newBuilder().setKey("a1").setVersion(version(1, 0)))))
                .addWrites(write("c", "y").getWrites(0))
                .build();
        Envelope stillTrue = valid(rangeRead);
        Envelope afterInsert = valid(rangeRead);

        assertThat(codes(commit(stillTrue))).containsExactly(TxValidationCode.VALID);
        commit(valid(write("a2", "z")));
        assertThat(codes(commit(afterInsert))).containsExactly(TxValidationCode.PHANTOM_READ_CONFLICT);
    }

    @Test
    void aTransactionIdAlreadyCommittedOrEarlierInTheBlockIsADuplicate() {
        Envelope once = valid(write("k", "v"));
        Envelope other = valid(write("j", "w"));

        assertThat(codes(commit(once, other, other))).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID,
                TxValidationCode.DUPLICATE_TXID);
        assertThat(codes(commit(once))).containsExactly(TxValidationCode.DUPLICATE_TXID);
    }

    @Test
    void aTamperedEnvelopeSignatureIsABadCreatorSignature() {
        Envelope envelope = valid(write("k", "v"));
        Envelope tampered = envelope.toBuilder().setSignature(network.org2Admin.sign(envelope.getPayload())).build();

        assertThat(codes(commit(tampered))).containsExactly(TxValidationCode.BAD_CREATOR_SIGNATURE);
    }

    @Test
    void aCreatorNoChannelMspKnowsIsABadCreatorSignature() {
        assertThat(codes(commit(EndorsedTransactions.create(SandboxNetwork.stranger(), NS, write("k", "v"), bothPeers))))
                .containsExactly(TxValidationCode.BAD_CREATOR_SIGNATURE);
    }

    @Test
    void aChaincodeWithoutDefinitionIsAnInvalidChaincode() {
        assertThat(codes(commit(EndorsedTransactions.create(network.org1Admin, "undefined", write("k", "v"), bothPeers))))
                .containsExactly(TxValidationCode.INVALID_CHAINCODE);
    }

    @Test
    void anUndecodablePayloadIsABadPayloadAndAMissingHeaderABadCommonHeader() throws Exception {
        Envelope garbage = Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 1, 2})).build();
        Envelope headless = Envelope.newBuilder().setPayload(Payload.newBuilder().setData(ByteString.copyFromUtf8("x"))
                .build().toByteString()).build();

        assertThat(codes(commit(garbage, headless))).containsExactly(TxValidationCode.BAD_PAYLOAD, TxValidationCode.BAD_COMMON_HEADER);
    }

    @Test
    void aResponseForAnotherProposalIsAnInvalidEndorserTransaction() throws Exception {
        Envelope first = valid(write("k", "v"));
        Envelope second = valid(write("k", "v"));
        // The second transaction's header with the first one's endorsed action: the proposal hash no longer matches.
        Payload firstPayload = Payload.parseFrom(first.getPayload());
        Payload secondPayload = Payload.parseFrom(second.getPayload());
        ByteString mixed = secondPayload.toBuilder().setData(firstPayload.getData()).build().toByteString();
        Envelope envelope = Envelope.newBuilder().setPayload(mixed).setSignature(network.org1Admin.sign(mixed)).build();

        assertThat(codes(commit(envelope))).containsExactly(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
    }

    @Test
    void aBlockThatDoesNotChainIsRefusedWhole() {
        Block block = TestBlocks.nextOf(channel.peerLedger().last(), valid(write("k", "v")));
        Block broken = block.toBuilder().setHeader(block.getHeader().toBuilder().setPreviousHash(ByteString.copyFromUtf8("x"))).build();

        assertThatThrownBy(() -> channel.commit(broken)).isInstanceOf(SandboxException.class).hasMessageContaining("chain");
        assertThat(channel.peerLedger().height()).isEqualTo(1);
    }
}
