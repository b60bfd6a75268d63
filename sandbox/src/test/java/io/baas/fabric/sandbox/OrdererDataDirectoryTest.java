package io.baas.fabric.sandbox;

import static io.baas.fabric.sandbox.OrdererClient.block;
import static io.baas.fabric.sandbox.OrdererClient.seek;
import static io.baas.fabric.sandbox.OrdererClient.transaction;
import static io.baas.fabric.sandbox.SandboxNetwork.CHANNEL;
import static io.baas.fabric.sandbox.SandboxNetwork.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.HashChain;
import io.baas.fabric.configtx.BatchSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo.SeekBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ordering node with a data directory keeps its channels across a restart, and survives a torn last write. */
class OrdererDataDirectoryTest {

    private final SandboxNetwork network = new SandboxNetwork();

    @Test
    void aRestartedNodeServesTheSameBlocksAndChainsNewOnesOnThem(@TempDir Path data) throws Exception {
        Block genesis = network.genesis(network.channel(new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofMillis(200)));
        List<Block> before;
        int port;
        int adminPort;
        try (OrderingNode node = OrderingNode.start(network.ordererSettings().withDataDirectory(data));
             OrdererClient client = new OrdererClient(node.port(), network.ordererTlsCa())) {
            node.channels().join(genesis);
            port = node.port();
            adminPort = node.adminPort();
            for (int i = 0; i < 3; i++) {
                assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);
            }
            before = client.deliver(seek(network.org1Admin, CHANNEL, NOW, block(0), block(3), SeekBehavior.BLOCK_UNTIL_READY)).blocks();
        }
        assertThat(before).hasSize(4);

        // A crash in the middle of writing block 4: half a record at the end of the file.
        Path file = data.resolve("channels").resolve(CHANNEL).resolve("blocks");
        Files.write(file, new byte[] {0, 0, 1, 0, 42, 42}, StandardOpenOption.APPEND);

        try (OrderingNode node = OrderingNode.start(network.ordererSettings().withDataDirectory(data));
             OrdererClient client = new OrdererClient(node.port(), network.ordererTlsCa())) {
            assertThat(node.channels().channelIds()).containsExactly(CHANNEL);
            // The same ports, so the channel config's endpoints and consenters still name this node.
            assertThat(node.port()).isEqualTo(port);
            assertThat(node.adminPort()).isEqualTo(adminPort);
            assertThat(node.channels().info(CHANNEL).orElseThrow().height()).isEqualTo(4);
            List<Block> again = client.deliver(seek(network.org1Admin, CHANNEL, NOW, block(0), block(3), SeekBehavior.BLOCK_UNTIL_READY)).blocks();
            assertThat(again).isEqualTo(before);
            assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);
            List<Block> all = client.deliver(seek(network.org1Admin, CHANNEL, NOW, block(0), block(4), SeekBehavior.BLOCK_UNTIL_READY)).blocks();
            assertThat(all).hasSize(5);
            assertThat(HashChain.verify(all.stream().map(BlockDecoder::decode).toList())).isEmpty();
            assertThat(BlockDecoder.decode(all.get(4)).metadata().lastConfigIndex()).isZero();

            node.channels().remove(CHANNEL);
        }
        assertThat(file.getParent()).doesNotExist();
        try (OrderingNode node = OrderingNode.start(network.ordererSettings().withDataDirectory(data))) {
            assertThat(node.channels().channelIds()).as("a removed channel stays removed").isEmpty();
        }
    }
}
