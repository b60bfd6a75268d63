package io.baas.fabric.sandbox;

import io.baas.fabric.configtx.ChannelDescription;
import org.hyperledger.fabric.protos.common.Block;

/** An ordering node of the test network that has joined one channel, and a gRPC client of it. */
record RunningOrderer(OrderingNode node, OrdererClient client, Block genesis) implements AutoCloseable {

    static RunningOrderer start(SandboxNetwork network, ChannelDescription channel) {
        OrderingNode node = OrderingNode.start(network.ordererSettings());
        Block genesis = network.genesis(channel);
        node.channels().join(genesis);
        return new RunningOrderer(node, new OrdererClient(node.port(), network.ordererTlsCa()), genesis);
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        node.close();
    }
}
