package io.baas.fabric.sandbox.common;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * The gRPC side of a Deliver stream, for the orderer's and the peer's Deliver services (whose
 * response messages are different types): each request is served by the {@link DeliverHandler}
 * after the one before it, on the deliver threads since it may wait for blocks; a status answer
 * follows each request's blocks, and the stream ends after the first status that is not SUCCESS,
 * as Fabric's does.
 *
 * @param <R> the service's DeliverResponse
 */
public final class DeliverStream<R> {

    private final DeliverHandler handler;
    private final ExecutorService threads;
    private final Function<Block, R> blockResponse;
    private final Function<Status, R> statusResponse;

    public DeliverStream(DeliverHandler handler, ExecutorService threads, Function<Block, R> blockResponse,
            Function<Status, R> statusResponse) {
        this.handler = handler;
        this.threads = threads;
        this.blockResponse = blockResponse;
        this.statusResponse = statusResponse;
    }

    /** The request side of one stream that answers on {@code responses}. */
    public StreamObserver<Envelope> open(StreamObserver<R> responses) {
        ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) responses;
        // With a handler set, sending to a cancelled call is ignored instead of throwing.
        call.setOnCancelHandler(() -> { });
        return new StreamObserver<>() {
            private CompletableFuture<Boolean> open = CompletableFuture.completedFuture(true);

            @Override
            public void onNext(Envelope request) {
                open = open.thenApplyAsync(stillOpen -> stillOpen && serve(request, call), threads);
            }

            @Override
            public void onError(Throwable t) {
                // The client went away; the cancellation check ends any wait.
            }

            @Override
            public void onCompleted() {
                open.thenAccept(stillOpen -> {
                    if (stillOpen && !call.isCancelled()) {
                        responses.onCompleted();
                    }
                });
            }
        };
    }

    /** Serves one request; false when the stream has ended. */
    private boolean serve(Envelope request, ServerCallStreamObserver<R> call) {
        Status status;
        try {
            status = handler.deliver(request, block -> call.onNext(blockResponse.apply(block)), call::isCancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = Status.SERVICE_UNAVAILABLE;
        }
        if (call.isCancelled()) {
            return false;
        }
        call.onNext(statusResponse.apply(status));
        if (status != Status.SUCCESS) {
            call.onCompleted();
            return false;
        }
        return true;
    }
}
