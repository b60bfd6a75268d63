package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.common.DeliverHandler;
import io.baas.fabric.sandbox.common.DeliverStream;
import io.baas.fabric.sandbox.common.RejectedException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;

/**
 * The orderer's AtomicBroadcast gRPC service. Like Fabric's, a stream answers each message in
 * turn and ends (with gRPC status OK) after the first answer that is not SUCCESS.
 */
public final class AtomicBroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {

    private final ChannelRegistry registry;
    private final DeliverStream<DeliverResponse> deliverStream;

    /** Deliver requests wait for blocks on the given threads; the clock judges request timestamps and expiry. */
    public AtomicBroadcastService(ChannelRegistry registry, java.time.Clock clock, ExecutorService deliverThreads) {
        this.registry = registry;
        this.deliverStream = new DeliverStream<>(new DeliverHandler(registry::channel, clock), deliverThreads,
                block -> DeliverResponse.newBuilder().setBlock(block).build(),
                status -> DeliverResponse.newBuilder().setStatus(status).build());
    }

    @Override
    public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
        return new StreamObserver<>() {
            private boolean finished;

            @Override
            public void onNext(Envelope envelope) {
                if (finished) {
                    return;
                }
                BroadcastResponse response;
                try {
                    registry.broadcast(envelope);
                    response = BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build();
                } catch (RejectedException e) {
                    response = BroadcastResponse.newBuilder().setStatus(e.status()).setInfo(e.getMessage()).build();
                }
                responses.onNext(response);
                if (response.getStatus() != Status.SUCCESS) {
                    finished = true;
                    responses.onCompleted();
                }
            }

            @Override
            public void onError(Throwable t) {
                finished = true;
            }

            @Override
            public void onCompleted() {
                if (!finished) {
                    finished = true;
                    responses.onCompleted();
                }
            }
        };
    }

    /** Requests of one stream run one after the other on the deliver threads, since they may wait for blocks. */
    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return deliverStream.open(responses);
    }
}
