package io.baas.fabric.sandbox;

import static io.baas.fabric.sandbox.OrdererClient.block;
import static io.baas.fabric.sandbox.OrdererClient.newest;
import static io.baas.fabric.sandbox.OrdererClient.oldest;
import static io.baas.fabric.sandbox.OrdererClient.seek;
import static io.baas.fabric.sandbox.OrdererClient.transaction;
import static io.baas.fabric.sandbox.SandboxNetwork.CHANNEL;
import static io.baas.fabric.sandbox.SandboxNetwork.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.BlockSignatures;
import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.block.HashChain;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.ChannelConfigBuilder;
import io.baas.fabric.configtx.ChannelDescription;
import io.baas.fabric.configtx.ConfigUpdateCalculator;
import io.baas.fabric.configtx.ConfigUpdateEnvelopes;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.transaction.Nonces;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo.SeekBehavior;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join from a genesis block, broadcast, cut, deliver over raw gRPC stubs, and decode with the data layer. */
class BroadcastDeliverTest {

    private final SandboxNetwork network = new SandboxNetwork();
    private final ChannelDescription channel = network.channel(new BatchSize(3, 99 * BatchSize.MEGABYTE, 512 * 1024),
            Duration.ofMillis(300));
    private RunningOrderer orderer;
    private OrderingNode node;
    private OrdererClient client;

    @BeforeEach
    void start() {
        orderer = RunningOrderer.start(network, channel);
        node = orderer.node();
        client = orderer.client();
    }

    @AfterEach
    void stop() throws InterruptedException {
        orderer.close();
    }

    @Test
    void blocksAreCutByMessageCountAndByTimeoutAndChainAsFabricsDo() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);
        }
        assertThat(client.broadcast(transaction(network.org2Admin, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);

        // Block 2 holds the fourth message alone, cut by the batch timeout; waiting for it is bounded by the client.
        OrdererClient.Delivery delivery = client.deliver(seek(network.org1Peer, CHANNEL, NOW, oldest(), block(2),
                SeekBehavior.BLOCK_UNTIL_READY));

        assertThat(delivery.status()).isEqualTo(Status.SUCCESS);
        List<DecodedBlock> blocks = delivery.blocks().stream().map(BlockDecoder::decode).toList();
        assertThat(blocks).extracting(DecodedBlock::number).containsExactly(0L, 1L, 2L);
        assertThat(blocks.get(1).transactions()).hasSize(3);
        assertThat(blocks.get(2).transactions()).hasSize(1);
        assertThat(blocks.get(2).transactions().get(0).creator().orElseThrow().mspId()).isEqualTo("Org2MSP");
        assertThat(HashChain.verify(blocks)).isEmpty();
        assertThat(blocks).allMatch(DecodedBlock::dataHashMatches);
        for (DecodedBlock block : blocks.subList(1, 3)) {
            assertThat(block.metadata().lastConfigIndex()).isZero();
            assertThat(block.metadata().ordererSignatures()).hasSize(1);
            assertThat(block.metadata().ordererSignatures().get(0).signer().serialized())
                    .isEqualTo(network.ordererSigner.identity().serialized());
            assertThat(block.metadata().raft().orElseThrow().raftIndex()).isEqualTo(block.number() + 2);
            assertThat(BlockSignatures.of(block)).allMatch(SignedData::verify);
        }
    }

    @Test
    void aConfigUpdateBecomesAConfigBlockOfItsOwnSignedByTheOrderer() throws Exception {
        Envelope update = org1AnchorPeerUpdate();
        assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(client.broadcast(update).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);

        OrdererClient.Delivery delivery = client.deliver(seek(network.org1Admin, CHANNEL, NOW, block(1), block(3),
                SeekBehavior.BLOCK_UNTIL_READY));

        List<DecodedBlock> blocks = delivery.blocks().stream().map(BlockDecoder::decode).toList();
        // The pending transaction is cut before the config block, which holds its CONFIG envelope alone.
        assertThat(blocks).extracting(block -> block.transactions().size()).containsExactly(1, 1, 1);
        DecodedTransaction config = blocks.get(1).transactions().get(0);
        assertThat(config.type()).isEqualTo(HeaderType.CONFIG);
        assertThat(config.txId()).isEmpty();
        assertThat(config.channelHeaderVersion()).isZero();
        assertThat(config.timestamp()).isEqualTo(NOW);
        assertThat(config.creator().orElseThrow().serialized()).isEqualTo(network.ordererSigner.identity().serialized());
        assertThat(config.envelopeSignature().orElseThrow().verify()).isTrue();
        assertThat(config.config().orElseThrow().sequence()).isEqualTo(1);
        assertThat(config.config().orElseThrow().lastUpdate().orElseThrow().configSignatures())
                .extracting(signature -> signature.signer().mspId()).containsExactly("Org1MSP");
        ConfigEnvelope written = ConfigEnvelope.parseFrom(Payload.parseFrom(Envelope.parseFrom(
                delivery.blocks().get(1).getData().getData(0)).getPayload()).getData());
        assertThat(written.getLastUpdate()).isEqualTo(update);
        AnchorPeers anchors = AnchorPeers.parseFrom(written.getConfig().getChannelGroup().getGroupsOrThrow("Application")
                .getGroupsOrThrow("Org1MSP").getValuesOrThrow("AnchorPeers").getValue());
        assertThat(anchors.getAnchorPeers(0).getPort()).isEqualTo(7051);
        assertThat(blocks).extracting(block -> block.metadata().lastConfigIndex()).containsExactly(0L, 2L, 2L);
        assertThat(blocks).allMatch(block -> BlockSignatures.of(block).stream().allMatch(SignedData::verify));
    }

    @Test
    void blocksHaveTheMetadataEntriesAndEnvelopeLayoutOfTheFixtureOrdererCopies() throws Exception {
        assertThat(client.broadcast(org1AnchorPeerUpdate()).getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);
        List<Block> ours = client.deliver(seek(network.org1Admin, CHANNEL, NOW, block(1), block(2),
                SeekBehavior.BLOCK_UNTIL_READY)).blocks();
        Block fabricConfig = Block.parseFrom(Fixtures.bytes("blocks-orderer/mychannel-1.block"));
        Block fabricTransaction = Block.parseFrom(Fixtures.bytes("blocks-orderer/mychannel-3.block"));

        assertSameMetadataShape(ours.get(0), fabricConfig);
        assertSameMetadataShape(ours.get(1), fabricTransaction);
        ChannelHeader ourHeader = channelHeader(ours.get(0));
        ChannelHeader fabricHeader = channelHeader(fabricConfig);
        assertThat(ourHeader.toBuilder().clearTimestamp().clearChannelId().build())
                .isEqualTo(fabricHeader.toBuilder().clearTimestamp().clearChannelId().build());
        assertThat(ourHeader.getTimestamp().getNanos()).isEqualTo(fabricHeader.getTimestamp().getNanos()).isZero();
        DecodedBlock ourConfig = BlockDecoder.decode(ours.get(0));
        DecodedBlock theirConfig = BlockDecoder.decode(fabricConfig);
        assertThat(ourConfig.metadata().raft().orElseThrow().consenterIds())
                .isEqualTo(theirConfig.metadata().raft().orElseThrow().consenterIds());
        assertThat(ourConfig.metadata().raft().orElseThrow().raftIndex()).isEqualTo(theirConfig.metadata().raft().orElseThrow().raftIndex());
        assertThat(ourConfig.metadata().lastConfigIndex()).isEqualTo(theirConfig.metadata().lastConfigIndex()).isEqualTo(1);
    }

    private static void assertSameMetadataShape(Block ours, Block fabrics) {
        assertThat(ours.getMetadata().getMetadataCount()).isEqualTo(fabrics.getMetadata().getMetadataCount()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(ours.getMetadata().getMetadata(i).isEmpty())
                    .as("metadata entry %d empty", i).isEqualTo(fabrics.getMetadata().getMetadata(i).isEmpty());
        }
        assertThat(ours.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)).isEqualTo(ByteString.EMPTY);
        assertThat(ours.getMetadata().getMetadata(BlockMetadataIndex.COMMIT_HASH_VALUE)).isEqualTo(ByteString.EMPTY);
    }

    private static ChannelHeader channelHeader(Block block) throws Exception {
        return ChannelHeader.parseFrom(Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload())
                .getHeader().getChannelHeader());
    }

    private Envelope org1AnchorPeerUpdate() {
        Config current = ChannelConfigBuilder.build(channel);
        ConfigUpdate update = ConfigUpdateCalculator.compute(CHANNEL, current, ChannelConfigBuilder.build(channel.withApplication(
                channel.application().withAnchorPeers("Org1MSP", List.of(new HostPort("127.0.0.1", 7051))))));
        return ConfigUpdateEnvelopes.submit(CHANNEL,
                ConfigUpdateEnvelopes.sign(ConfigUpdateEnvelopes.unsigned(update), network.org1Admin, Nonces.random()),
                network.org1Admin, NOW, Nonces.random());
    }
}
