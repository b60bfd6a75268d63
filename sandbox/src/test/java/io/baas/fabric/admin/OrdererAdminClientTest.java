package io.baas.fabric.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.sandbox.OrdererClient;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.pki.Identity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo.SeekBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project's orderer clients against the sandbox ordering node: participation over mutual TLS, broadcast and deliver. */
class OrdererAdminClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SandboxNetwork network = new SandboxNetwork();
    private final Block genesis = network.genesis(network.channel(new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024),
            Duration.ofMillis(200)));
    private OrderingNode node;
    private OrdererAdminClient admin;

    @BeforeEach
    void start() {
        node = OrderingNode.start(network.ordererSettings());
        admin = adminClient(network.ordererAdmin);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private OrdererAdminClient adminClient(Identity identity) {
        return new OrdererAdminClient(URI.create("https://127.0.0.1:" + node.adminPort()), List.of(network.ordererTlsCa()),
                identity.tls(), TIMEOUT);
    }

    @Test
    void joinTwiceListGetAndRemoveMapFabricsAnswers() {
        assertThat(admin.join(genesis)).isEqualTo(OrdererAdminClient.JoinOutcome.JOINED);
        assertThat(admin.join(genesis)).as("405 from Fabric: already a member").isEqualTo(OrdererAdminClient.JoinOutcome.ALREADY_JOINED);
        assertThat(admin.list()).containsExactly(SandboxNetwork.CHANNEL);
        assertThat(admin.get(SandboxNetwork.CHANNEL)).hasValue(
                new OrdererAdminClient.ChannelInfo(SandboxNetwork.CHANNEL, "consenter", "active", 1));
        assertThat(admin.get("nosuchchannel")).isEmpty();

        assertThat(admin.remove(SandboxNetwork.CHANNEL)).isTrue();
        assertThat(admin.remove(SandboxNetwork.CHANNEL)).isFalse();
        assertThat(admin.list()).isEmpty();
    }

    @Test
    void aBlockThatIsNoConfigBlockIsRefusedWithTheOrderersWords() throws Exception {
        Block transactions = Block.parseFrom(Fixtures.bytes("blocks-orderer/mychannel-3.block"));
        assertThatThrownBy(() -> admin.join(transactions)).isInstanceOfSatisfying(FabricAdminException.class, e -> {
            assertThat(e.reason()).isEqualTo(FabricAdminException.Reason.REFUSED);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).endsWith("invalid join block: block is not a config block");
        });
    }

    @Test
    void sharedClientsAreOnePerTlsPairAndTrustAndRefuseWorkOnceClosed() {
        URI base = URI.create("https://127.0.0.1:" + node.adminPort());
        OrdererAdminHttpClients clients = new OrdererAdminHttpClients(TIMEOUT);
        SandboxNetwork other = new SandboxNetwork();
        assertThat(clients.admin(base, List.of(network.ordererTlsCa()), network.ordererAdmin.tls()).list()).isEmpty();
        assertThat(clients.admin(base, List.of(network.ordererTlsCa()), network.ordererAdmin.tls()).list()).isEmpty();
        assertThat(clients.size()).as("the same pair and trust share one client").isEqualTo(1);

        // Another identity never rides on the first one's client: the orderer turns it away.
        assertThatThrownBy(() -> clients.admin(base, List.of(network.ordererTlsCa()), other.ordererAdmin.tls()).list())
                .isInstanceOf(FabricAdminException.class);
        clients.admin(base, List.of(network.ordererTlsCa(), other.ordererTlsCa()), network.ordererAdmin.tls());
        assertThat(clients.size()).isEqualTo(3);

        clients.close();
        assertThat(clients.size()).isZero();
        assertThatThrownBy(() -> clients.admin(base, List.of(network.ordererTlsCa()), network.ordererAdmin.tls()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAdminOfAnotherNetworkIsTurnedAwayAndADeadOrdererIsUnavailable() {
        OrdererAdminClient foreign = adminClient(new SandboxNetwork().ordererAdmin);
        assertThatThrownBy(foreign::list).isInstanceOfSatisfying(FabricAdminException.class,
                e -> assertThat(e.reason()).isEqualTo(FabricAdminException.Reason.UNAVAILABLE));
        node.close();
        assertThatThrownBy(admin::list).isInstanceOfSatisfying(FabricAdminException.class,
                e -> assertThat(e.getMessage()).contains("cannot be reached"));
    }

    @Test
    void broadcastAndDeliverThroughTheProjectsClientAfterAJoin() {
        admin.join(genesis);
        try (OrdererClient client = new OrdererClient(node.port(), network.ordererTlsCa())) {
            assertThat(client.broadcast(OrdererClient.transaction(network.org1User, SandboxNetwork.CHANNEL, SandboxNetwork.NOW))
                    .getStatus()).isEqualTo(Status.SUCCESS);
            OrdererClient.Delivery delivery = client.deliver(OrdererClient.seek(network.org1Peer, SandboxNetwork.CHANNEL,
                    SandboxNetwork.NOW, OrdererClient.oldest(), OrdererClient.block(1), SeekBehavior.BLOCK_UNTIL_READY));
            assertThat(delivery.status()).isEqualTo(Status.SUCCESS);
            assertThat(delivery.blocks().stream().map(BlockDecoder::decode).map(DecodedBlock::number)).containsExactly(0L, 1L);
            assertThat(BlockDecoder.decode(delivery.blocks().get(1)).transactions()).hasSize(1);
        }
        assertThat(admin.get(SandboxNetwork.CHANNEL).orElseThrow().height()).isEqualTo(2);
    }

    @Test
    void aDeadOrdererMakesBroadcastUnavailableWithinTheTimeout() {
        int port = node.port();
        node.close();
        io.baas.fabric.admin.OrdererClient client = new io.baas.fabric.admin.OrdererClient("127.0.0.1", port,
                List.of(network.ordererTlsCa()), java.util.Optional.empty(), Duration.ofSeconds(5));
        try (client) {
            assertThatThrownBy(() -> client.broadcast(OrdererClient.transaction(network.org1User, SandboxNetwork.CHANNEL, SandboxNetwork.NOW)))
                    .isInstanceOfSatisfying(FabricAdminException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FabricAdminException.Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("UNAVAILABLE");
                    });
        }
    }
}
