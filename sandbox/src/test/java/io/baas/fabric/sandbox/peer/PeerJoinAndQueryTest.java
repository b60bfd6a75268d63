package io.baas.fabric.sandbox.peer;

import static io.baas.fabric.sandbox.peer.EndorsedTransactions.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.sandbox.OrdererClient;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.lifecycle.CommittedDefinitions;
import io.baas.fabric.transaction.SystemChaincodes;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer and an orderer over gRPC: the peer joins with cscc JoinChain as the peer CLI sends it,
 * pulls the orderer's blocks, validates and commits them, and answers qscc as Fabric does.
 */
class PeerJoinAndQueryTest {

    private final SandboxNetwork network = new SandboxNetwork();
    private OrderingNode orderer;
    private OrdererClient ordererClient;
    private PeerNode peer;
    private PeerClient client;
    private Block genesis;

    @BeforeEach
    void start(@TempDir Path jars) {
        orderer = OrderingNode.start(network.ordererSettings());
        genesis = network.genesis(network.channel(new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofSeconds(2)));
        orderer.channels().join(genesis);
        ordererClient = new OrdererClient(orderer.port(), network.ordererTlsCa());
        peer = PeerNode.start(network.peerSettings(1, orderer.port(), jars));
        client = new PeerClient(peer.port(), network.tlsCa(1));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        peer.close();
        ordererClient.close();
        orderer.close();
    }

    private ProposalResponse join() {
        return client.propose(network.org1Admin, SystemChaincodes.joinChannel(genesis.toByteString()));
    }

    private Block awaitBlock(long number) throws InterruptedException {
        return peer.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().ledger()
                .await(number, () -> false).orElseThrow();
    }

    @Test
    void joinedChannelsAreListedAndTheGenesisBlockIsCommittedValid() throws Exception {
        ProposalResponse joined = join();

        assertThat(joined.getResponse().getStatus()).isEqualTo(200);
        assertThat(joined.hasEndorsement()).isFalse();
        ChannelQueryResponse channels = ChannelQueryResponse.parseFrom(
                client.propose(network.org1User, SystemChaincodes.joinedChannels()).getResponse().getPayload());
        assertThat(channels.getChannelsList()).extracting(c -> c.getChannelId()).containsExactly(SandboxNetwork.CHANNEL);
        Block block0 = Block.parseFrom(client.propose(network.org1Admin, SystemChaincodes.blockByNumber(SandboxNetwork.CHANNEL, 0))
                .getResponse().getPayload());
        assertThat(block0.getHeader()).isEqualTo(genesis.getHeader());
        assertThat(block0.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE))
                .isEqualTo(ByteString.copyFrom(new byte[] {0}));
    }

    @Test
    void joiningTwiceIsRefusedAsFabricRefusesAnExistingLedger() {
        join();

        ProposalResponse again = join();

        assertThat(again.getResponse().getStatus()).isEqualTo(500);
        assertThat(again.getResponse().getMessage()).contains("ledger [mychannel] already exists");
    }

    @Test
    void onlyAnAdminOfThePeersOrganizationMayJoin() {
        ProposalResponse byUser = client.propose(network.org1User, SystemChaincodes.joinChannel(genesis.toByteString()));

        assertThat(byUser.getResponse().getStatus()).isEqualTo(500);
        assertThat(byUser.getResponse().getMessage()).contains("access denied for [cscc/JoinChain]").contains("not an admin");
        // Another organization's admin is unknown to the peer's local MSP: the proposal itself is refused.
        assertThatThrownBy(() -> client.propose(network.org2Admin, SystemChaincodes.joinChannel(genesis.toByteString())))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("error validating proposal: access denied: channel [] creator org unknown");
        assertThat(peer.channels().channelIds()).isEmpty();
    }

    @Test
    void blocksFromTheOrdererAreCommittedWithTheirValidationCodesAndQsccFindsThem() throws Exception {
        join();
        Envelope good = EndorsedTransactions.create(network.org1Admin, CommittedDefinitions.NAMESPACE, write("k", "v"),
                List.of(network.org1Peer, network.org2Peer));
        Envelope underEndorsed = EndorsedTransactions.create(network.org2Admin, CommittedDefinitions.NAMESPACE, write("k", "w"),
                List.of(network.org2Peer));
        assertThat(ordererClient.broadcast(good).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(ordererClient.broadcast(underEndorsed).getStatus()).isEqualTo(Status.SUCCESS);

        Block block2 = awaitBlock(2);

        BlockchainInfo info = BlockchainInfo.parseFrom(client.propose(network.org1Admin,
                SystemChaincodes.chainInfo(SandboxNetwork.CHANNEL)).getResponse().getPayload());
        assertThat(info.getHeight()).isEqualTo(3);
        assertThat(info.getCurrentBlockHash()).isEqualTo(BlockHashes.headerHash(block2.getHeader()));
        String goodTxId = txId(good);
        ProcessedTransaction processed = ProcessedTransaction.parseFrom(client.propose(network.org1Admin,
                SystemChaincodes.transactionById(SandboxNetwork.CHANNEL, goodTxId)).getResponse().getPayload());
        assertThat(processed.getTransactionEnvelope()).isEqualTo(good);
        assertThat(processed.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        ProcessedTransaction refused = ProcessedTransaction.parseFrom(client.propose(network.org1Admin,
                SystemChaincodes.transactionById(SandboxNetwork.CHANNEL, txId(underEndorsed))).getResponse().getPayload());
        assertThat(refused.getValidationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE);
        assertThat(Block.parseFrom(qscc("GetBlockByHash", info.getCurrentBlockHash()).getResponse().getPayload())).isEqualTo(block2);
        assertThat(Block.parseFrom(qscc("GetBlockByTxID", ByteString.copyFromUtf8(goodTxId)).getResponse().getPayload())
                .getHeader().getNumber()).isEqualTo(1);
        assertThat(peer.channels().channel(SandboxNetwork.CHANNEL).orElseThrow().peerLedger().state()
                .get(CommittedDefinitions.NAMESPACE, "k").orElseThrow().value().toStringUtf8()).isEqualTo("v");
    }

    @Test
    void qsccAnswersUnknownBlocksAndTransactionsWithAnError() {
        join();

        ProposalResponse noBlock = client.propose(network.org1Admin, SystemChaincodes.blockByNumber(SandboxNetwork.CHANNEL, 7));
        ProposalResponse noTx = client.propose(network.org1Admin, SystemChaincodes.transactionById(SandboxNetwork.CHANNEL, "nope"));
        ProposalResponse noChannel = client.propose(network.org1Admin, SystemChaincodes.chainInfo("otherchannel"));

        assertThat(noBlock.getResponse().getStatus()).isEqualTo(500);
        assertThat(noBlock.getResponse().getMessage()).contains("Failed to get block number 7");
        assertThat(noTx.getResponse().getMessage()).contains("no such transaction ID [nope]");
        assertThat(noChannel.getResponse().getMessage()).isEqualTo("Invalid chain ID, otherchannel");
    }

    @Test
    void aProposalOnAnUnknownChannelIsAStatus500AndABadSignatureAGrpcError() throws Exception {
        join();
        ProposalResponse unknown = client.propose(network.org1Admin, io.baas.fabric.transaction.ProposalRequest.invoke("otherchannel",
                io.baas.fabric.transaction.ChaincodeInvocation.of("qscc", "GetChainInfo", "otherchannel")));

        assertThat(unknown.getResponse().getStatus()).isEqualTo(500);
        assertThat(unknown.getResponse().getMessage()).isEqualTo("channel 'otherchannel' not found");
        var proposal = io.baas.fabric.transaction.Proposals.create(SystemChaincodes.chainInfo(SandboxNetwork.CHANNEL),
                network.org1Admin.identity(), SandboxNetwork.CLOCK).sign(network.org1Admin);
        var forged = proposal.toBuilder().setSignature(network.org1User.sign(proposal.getProposalBytes())).build();
        try (var channel = new PeerClientChannel(peer.port(), network.tlsCa(1))) {
            assertThatThrownBy(() -> channel.stub().processProposal(forged))
                    .isInstanceOf(StatusRuntimeException.class)
                    .hasMessageContaining("access denied: channel [] creator org [Org1MSP]");
        }
    }

    private ProposalResponse qscc(String function, ByteString argument) {
        return client.propose(network.org1Admin, new io.baas.fabric.transaction.ProposalRequest(HeaderType.ENDORSER_TRANSACTION, "",
                new io.baas.fabric.transaction.ChaincodeInvocation("qscc", ChaincodeSpec.Type.GOLANG,
                        List.of(ByteString.copyFromUtf8(function), ByteString.copyFromUtf8(SandboxNetwork.CHANNEL), argument),
                        false, java.util.Map.of())));
    }

    private static String txId(Envelope envelope) throws Exception {
        var payload = org.hyperledger.fabric.protos.common.Payload.parseFrom(envelope.getPayload());
        return org.hyperledger.fabric.protos.common.ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
    }

}
