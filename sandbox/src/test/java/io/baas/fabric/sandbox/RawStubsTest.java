package io.baas.fabric.sandbox;

import static io.baas.fabric.sandbox.OrdererClient.block;
import static io.baas.fabric.sandbox.OrdererClient.oldest;
import static io.baas.fabric.sandbox.OrdererClient.seek;
import static io.baas.fabric.sandbox.OrdererClient.transaction;
import static io.baas.fabric.sandbox.SandboxNetwork.CHANNEL;
import static io.baas.fabric.sandbox.SandboxNetwork.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo.SeekBehavior;
import org.junit.jupiter.api.Test;

/**
 * The ordering node through nothing but fabric-protos' generated AtomicBroadcast stubs over
 * grpc-java, as any Fabric client would call it (the other tests go through the project's client).
 */
class RawStubsTest {

    @Test
    void broadcastAndDeliverOverTheGeneratedStubs() throws Exception {
        SandboxNetwork network = new SandboxNetwork();
        try (RunningOrderer orderer = RunningOrderer.start(network,
                network.channel(new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofMillis(200)))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", orderer.node().port(),
                    TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(List.of(network.ordererTlsCa()))).build())
                    .build();
            try {
                BlockingQueue<Object> broadcast = new LinkedBlockingQueue<>();
                StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).broadcast(into(broadcast));
                requests.onNext(transaction(network.org1User, CHANNEL, NOW));
                assertThat(((BroadcastResponse) broadcast.poll(20, TimeUnit.SECONDS)).getStatus()).isEqualTo(Status.SUCCESS);
                requests.onCompleted();

                BlockingQueue<Object> deliver = new LinkedBlockingQueue<>();
                AtomicBroadcastGrpc.newStub(channel).deliver(into(deliver))
                        .onNext(seek(network.org1Peer, CHANNEL, NOW, oldest(), block(1), SeekBehavior.BLOCK_UNTIL_READY));
                DeliverResponse first = (DeliverResponse) deliver.poll(20, TimeUnit.SECONDS);
                DeliverResponse second = (DeliverResponse) deliver.poll(20, TimeUnit.SECONDS);
                DeliverResponse status = (DeliverResponse) deliver.poll(20, TimeUnit.SECONDS);
                assertThat(BlockDecoder.decode(first.getBlock()).number()).isZero();
                assertThat(BlockDecoder.decode(second.getBlock()).transactions()).hasSize(1);
                assertThat(status.getStatus()).isEqualTo(Status.SUCCESS);
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private static <T> StreamObserver<T> into(BlockingQueue<Object> queue) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                queue.add(value);
            }

            @Override
            public void onError(Throwable t) {
                queue.add(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }
}
