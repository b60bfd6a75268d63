package io.baas.fabric.sandbox;

import static io.baas.fabric.sandbox.OrdererClient.block;
import static io.baas.fabric.sandbox.OrdererClient.newest;
import static io.baas.fabric.sandbox.OrdererClient.oldest;
import static io.baas.fabric.sandbox.OrdererClient.seek;
import static io.baas.fabric.sandbox.OrdererClient.transaction;
import static io.baas.fabric.sandbox.SandboxNetwork.CHANNEL;
import static io.baas.fabric.sandbox.SandboxNetwork.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.configtx.BatchSize;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo.SeekBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliver's seek positions, behaviours and DeliverResponse statuses, as common/deliver answers them. */
class DeliverTest {

    private final SandboxNetwork network = new SandboxNetwork();
    private RunningOrderer orderer;
    private OrderingNode node;
    private OrdererClient client;
    private Block genesis;

    @BeforeEach
    void start() throws Exception {
        orderer = RunningOrderer.start(network, network.channel(new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024),
                Duration.ofSeconds(2)));
        genesis = orderer.genesis();
        node = orderer.node();
        client = orderer.client();
        assertThat(client.broadcast(transaction(network.org1User, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);
        // One message per block: block 1 is written before the broadcast answers.
        assertThat(node.channels().info(CHANNEL).orElseThrow().height()).isEqualTo(2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        orderer.close();
    }

    @Test
    void newestToNewestIsTheLastBlockAlone() throws Exception {
        OrdererClient.Delivery delivery = client.deliver(seek(network.org1Peer, CHANNEL, NOW, newest(), newest(),
                SeekBehavior.BLOCK_UNTIL_READY));

        assertThat(delivery.status()).isEqualTo(Status.SUCCESS);
        assertThat(delivery.blocks()).extracting(b -> b.getHeader().getNumber()).containsExactly(1L);
    }

    @Test
    void oldestToOldestIsTheGenesisBlockAsJoined() throws Exception {
        OrdererClient.Delivery delivery = client.deliver(seek(network.org1Peer, CHANNEL, NOW, oldest(), oldest(),
                SeekBehavior.FAIL_IF_NOT_READY));

        assertThat(delivery.blocks()).containsExactly(genesis);
        assertThat(delivery.status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void aBlockNotYetWrittenIsNotFoundWhenTheClientWillNotWait() throws Exception {
        OrdererClient.Delivery delivery = client.deliver(seek(network.org1Peer, CHANNEL, NOW, block(1), block(2),
                SeekBehavior.FAIL_IF_NOT_READY));

        assertThat(delivery.blocks()).hasSize(1);
        assertThat(delivery.status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void aBlockNotYetWrittenIsDeliveredOnceItIsWhenTheClientWaits() throws Exception {
        CompletableFuture<OrdererClient.Delivery> waiting = deliverBlock2InTheBackground();
        assertThat(client.broadcast(transaction(network.org2Admin, CHANNEL, NOW)).getStatus()).isEqualTo(Status.SUCCESS);

        OrdererClient.Delivery delivery = waiting.get(OrdererClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivery.status()).isEqualTo(Status.SUCCESS);
        assertThat(delivery.blocks()).extracting(b -> b.getHeader().getNumber()).containsExactly(2L);
    }

    @Test
    void aStartBeyondTheHeightIsNotFound() throws Exception {
        assertThat(client.deliver(seek(network.org1Peer, CHANNEL, NOW, block(5), block(6), SeekBehavior.BLOCK_UNTIL_READY)).status())
                .isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void aStopBeforeTheStartIsABadRequest() throws Exception {
        assertThat(client.deliver(seek(network.org1Peer, CHANNEL, NOW, block(1), block(0), SeekBehavior.BLOCK_UNTIL_READY)).status())
                .isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    void anUnknownChannelIsNotFound() throws Exception {
        assertThat(client.deliver(seek(network.org1Peer, "otherchannel", NOW, oldest(), newest(), SeekBehavior.FAIL_IF_NOT_READY))
                .status()).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void readersOfUnknownMspsAndExpiredReadersAreForbidden() throws Exception {
        assertThat(client.deliver(seek(SandboxNetwork.stranger(), CHANNEL, NOW, oldest(), newest(), SeekBehavior.FAIL_IF_NOT_READY))
                .status()).isEqualTo(Status.FORBIDDEN);
        OrdererClient.Delivery expired = client.deliver(seek(network.expiredOrg1User, CHANNEL, NOW, oldest(), newest(),
                SeekBehavior.FAIL_IF_NOT_READY));
        assertThat(expired.status()).isEqualTo(Status.FORBIDDEN);
        assertThat(expired.blocks()).isEmpty();
    }

    @Test
    void aRequestOutsideTheTimeWindowIsABadRequest() throws Exception {
        assertThat(client.deliver(seek(network.org1Peer, CHANNEL, NOW.minus(Duration.ofMinutes(16)), oldest(), newest(),
                SeekBehavior.FAIL_IF_NOT_READY)).status()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    void aRemovedChannelEndsAWaitingDeliveryAsUnavailable() throws Exception {
        CompletableFuture<OrdererClient.Delivery> waiting = deliverBlock2InTheBackground();
        // Removal may come before the request arrives (NOT_FOUND) or while it waits (SERVICE_UNAVAILABLE).
        node.channels().remove(CHANNEL);

        OrdererClient.Delivery delivery = waiting.get(OrdererClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivery.status()).isIn(Status.SERVICE_UNAVAILABLE, Status.NOT_FOUND);
        assertThat(delivery.blocks()).isEmpty();
    }

    private CompletableFuture<OrdererClient.Delivery> deliverBlock2InTheBackground() {
        return CompletableFuture.supplyAsync(
                () -> client.deliver(seek(network.org1Peer, CHANNEL, NOW, block(2), block(2), SeekBehavior.BLOCK_UNTIL_READY)));
    }
}
