package io.baas.fabric.admin;

import io.baas.fabric.tls.TlsMaterial;
import io.baas.pki.CertifiedKey;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;

/**
 * An orderer's AtomicBroadcast service over TLS: broadcast one signed envelope and read its
 * status; deliver the blocks a signed seek request asks for, up to the status that ends the
 * stream. Every wait is bounded; a node that does not answer is {@code UNAVAILABLE}.
 */
public final class OrdererClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final Duration timeout;
    private final String target;

    /**
     * @param clientTls a client certificate, for orderers that require one (Fabric's default does not)
     */
    public OrdererClient(String host, int port, List<X509Certificate> trustedCas, Optional<CertifiedKey> clientTls, Duration timeout) {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(trustedCas));
        clientTls.ifPresent(key -> tls.keyManager(TlsMaterial.keyManagers(key, List.of())));
        ChannelCredentials credentials = tls.build();
        this.channel = NettyChannelBuilder.forAddress(host, port, credentials).maxInboundMessageSize(100 * 1024 * 1024).build();
        this.timeout = timeout;
        this.target = host + ":" + port;
    }

    /** What Deliver sent: the blocks, and the status that ended the stream. */
    public record Delivery(List<Block> blocks, Status status) {
    }

    /** One envelope on a Broadcast stream; the orderer's answer (SUCCESS or the reason it refused). */
    public BroadcastResponse broadcast(Envelope envelope) {
        return broadcast(envelope, timeout);
    }

    /**
     * The same within {@code within} rather than the client's timeout: a client kept open for many
     * broadcasts (each on a stream of its own, so calls may overlap) gives each the time its caller has.
     */
    public BroadcastResponse broadcast(Envelope envelope, Duration within) {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).broadcast(collector(answers));
        requests.onNext(envelope);
        Object answer = next(answers, within);
        requests.onCompleted();
        if (answer instanceof BroadcastResponse response) {
            return response;
        }
        throw unavailable("broadcast", answer);
    }

    /** The blocks a seek request asks for; a stream that ends without a status is an error. */
    public Delivery deliver(Envelope seekRequest) {
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel).deliver(collector(answers));
        requests.onNext(seekRequest);
        List<Block> blocks = new ArrayList<>();
        while (true) {
            Object answer = next(answers);
            if (!(answer instanceof DeliverResponse response)) {
                requests.onError(io.grpc.Status.CANCELLED.asException());
                throw unavailable("deliver (after " + blocks.size() + " blocks)", answer);
            }
            if (response.hasBlock()) {
                blocks.add(response.getBlock());
            } else {
                requests.onCompleted();
                return new Delivery(blocks, response.getStatus());
            }
        }
    }

    private Object next(BlockingQueue<Object> answers) {
        return next(answers, timeout);
    }

    private static Object next(BlockingQueue<Object> answers, Duration timeout) {
        try {
            Object answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer == null ? "no answer within " + timeout : answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private FabricAdminException unavailable(String call, Object answer) {
        String detail = answer instanceof StatusRuntimeException e ? e.getStatus().getCode() + ": " + ConnectionFailures.describe(e, target)
                : answer instanceof Throwable t ? ConnectionFailures.describe(t, target) : String.valueOf(answer);
        return new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0,
                "The orderer at " + target + " did not complete " + call + ": " + detail);
    }

    private static <T> StreamObserver<T> collector(BlockingQueue<Object> answers) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {
                answers.add("the stream completed");
            }
        };
    }

    @Override
    public void close() {
        GrpcChannels.close(channel);
    }
}
