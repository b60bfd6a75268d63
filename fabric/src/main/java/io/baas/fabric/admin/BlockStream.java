package io.baas.fabric.admin;

import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/**
 * A peer's Deliver stream of committed blocks (with the peer's validation codes), as a block
 * event listener reads it: one signed seek request, then blocks as the peer commits them. Flow
 * control keeps at most {@code window} blocks received and not yet taken, so a slow reader slows
 * the peer's sending instead of filling memory.
 */
public final class BlockStream implements AutoCloseable {

    private final ManagedChannel channel;
    private final String target;
    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<Envelope> requests;

    private BlockStream(ManagedChannel channel, String target) {
        this.channel = channel;
        this.target = target;
    }

    /** Opens the stream with the seek request ({@link SeekRequests#from}); nothing is waited for here. */
    public static BlockStream open(String host, int port, List<X509Certificate> trustedCas, Envelope seekRequest, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port,
                        TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(trustedCas)).build())
                .maxInboundMessageSize(100 * 1024 * 1024).build();
        BlockStream stream = new BlockStream(channel, host + ":" + port);
        DeliverGrpc.newStub(channel).deliver(stream.observer(window));
        stream.requests.onNext(seekRequest);
        return stream;
    }

    /**
     * The next block, or empty when none came within {@code wait}. A stream the peer ended (a
     * status such as FORBIDDEN or NOT_FOUND, or a broken connection) is a {@link FabricAdminException}.
     */
    public Optional<Block> next(Duration wait) throws InterruptedException {
        Object item = received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            return Optional.empty();
        }
        if (item instanceof Block block) {
            requests.request(1);
            return Optional.of(block);
        }
        received.add(item); // every later call sees the same end
        throw ended(item);
    }

    private FabricAdminException ended(Object item) {
        if (item instanceof Status status) {
            FabricAdminException.Reason reason = status == Status.FORBIDDEN || status == Status.BAD_REQUEST || status == Status.NOT_FOUND
                    ? FabricAdminException.Reason.REFUSED : FabricAdminException.Reason.UNAVAILABLE;
            return new FabricAdminException(reason, status.getNumber(), "The peer at " + target + " ended the block stream: " + status);
        }
        String detail = item instanceof StatusRuntimeException e ? e.getStatus().getCode() + ": " + ConnectionFailures.describe(e, target)
                : item instanceof Throwable t ? ConnectionFailures.describe(t, target) : String.valueOf(item);
        return new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0,
                "The block stream from the peer at " + target + " broke: " + detail);
    }

    private ClientResponseObserver<Envelope, DeliverResponse> observer(int window) {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Envelope> stream) {
                stream.disableAutoRequestWithInitial(window);
                requests = stream;
            }

            @Override
            public void onNext(DeliverResponse response) {
                received.add(response.hasBlock() ? response.getBlock() : response.getStatus());
            }

            @Override
            public void onError(Throwable t) {
                received.add(t);
            }

            @Override
            public void onCompleted() {
                received.add("the peer completed the stream");
            }
        };
    }

    @Override
    public void close() {
        ClientCallStreamObserver<Envelope> stream = requests;
        if (stream != null) {
            stream.cancel("closed by the reader", null);
        }
        GrpcChannels.close(channel);
    }
}
