package io.baas.fabric.sandbox.peer.privdata;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.gossip.ConnEstablish;
import org.hyperledger.fabric.protos.gossip.Envelope;
import org.hyperledger.fabric.protos.gossip.GossipGrpc;
import org.hyperledger.fabric.protos.gossip.GossipMessage;
import org.hyperledger.fabric.protos.gossip.PrivateDataMessage;
import org.hyperledger.fabric.protos.gossip.PrivatePayload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The sandbox's stand-in for gossip's private data push, with gossip's own messages over its
 * Gossip/GossipStream service: the sender opens a stream, introduces itself with a signed
 * ConnEstablish carrying its peer identity, sends one signed PrivateDataMessage (Fabric's
 * PrivatePayload: collection, namespace, transaction, the collection's private write set, the
 * simulation height, the collection config) and waits up to Fabric's pushAckTimeout for the
 * receiver's Acknowledgement (an error text when it refused). No membership, alive messages or
 * pulls: the sandbox knows peers from the channel config.
 */
public final class PrivateDataPush implements AutoCloseable {

    /** gossip.pvtData.pushAckTimeout's default. */
    private static final long ACK_SECONDS = 3;

    /** One collection's private write set of a transaction, as pushed. */
    public record Payload(String channelId, String txId, String namespace, CollectionPvtReadWriteSet collection,
                          StaticCollectionConfig config, long height) {
    }

    private final Signer signer;
    private final Map<String, ManagedChannel> connections = new ConcurrentHashMap<>();

    public PrivateDataPush(Signer signer) {
        this.signer = signer;
    }

    /** Sends and waits for the peer's acknowledgement. */
    public void send(HostPort peer, List<X509Certificate> tlsRoots, Payload payload) throws PrivateDataDistributor.DistributionException {
        CompletableFuture<String> ack = push(peer, tlsRoots, payload);
        try {
            String error = ack.get(ACK_SECONDS, TimeUnit.SECONDS);
            if (!error.isEmpty()) {
                throw new PrivateDataDistributor.DistributionException(peer + " refused the private data: " + error);
            }
        } catch (TimeoutException e) {
            throw new PrivateDataDistributor.DistributionException("timed out waiting for an acknowledgement from " + peer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivateDataDistributor.DistributionException("interrupted while waiting for " + peer);
        } catch (ExecutionException e) {
            throw new PrivateDataDistributor.DistributionException("could not reach " + peer + ": " + e.getCause().getMessage());
        }
    }

    /** Sends without waiting (the pushes beyond requiredPeerCount). */
    public void sendWithoutAck(HostPort peer, List<X509Certificate> tlsRoots, Payload payload) {
        push(peer, tlsRoots, payload);
    }

    private CompletableFuture<String> push(HostPort peer, List<X509Certificate> tlsRoots, Payload payload) {
        ManagedChannel connection = connections.computeIfAbsent(peer.toString(), address -> NettyChannelBuilder.forAddress(peer.host(),
                peer.port(), TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(tlsRoots)).build()).build());
        CompletableFuture<String> ack = new CompletableFuture<>();
        StreamObserver<Envelope> requests = GossipGrpc.newStub(connection).withDeadlineAfter(ACK_SECONDS * 2, TimeUnit.SECONDS)
                .gossipStream(new StreamObserver<>() {
                    @Override
                    public void onNext(Envelope envelope) {
                        try {
                            GossipMessage message = GossipMessage.parseFrom(envelope.getPayload());
                            if (message.hasAck()) {
                                ack.complete(message.getAck().getError());
                            }
                        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                            ack.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {
                        ack.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        ack.completeExceptionally(new IllegalStateException("the stream ended without an acknowledgement"));
                    }
                });
        ByteString identity = signer.identity().serialized();
        requests.onNext(signed(GossipMessage.newBuilder()
                .setConn(ConnEstablish.newBuilder().setPkiId(Sha256.digest(identity)).setIdentity(identity)).build()));
        requests.onNext(signed(GossipMessage.newBuilder()
                .setChannel(ByteString.copyFrom(payload.channelId(), StandardCharsets.UTF_8))
                .setTag(GossipMessage.Tag.CHAN_ONLY)
                .setPrivateData(PrivateDataMessage.newBuilder().setPayload(PrivatePayload.newBuilder()
                        .setCollectionName(payload.collection().getCollectionName())
                        .setNamespace(payload.namespace())
                        .setTxId(payload.txId())
                        .setPrivateRwset(payload.collection().getRwset())
                        .setPrivateSimHeight(payload.height())
                        .setCollectionConfigs(CollectionConfigPackage.newBuilder()
                                .addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(payload.config())))))
                .build()));
        ack.whenComplete((error, failure) -> requests.onCompleted());
        return ack;
    }

    private Envelope signed(GossipMessage message) {
        ByteString bytes = message.toByteString();
        return Envelope.newBuilder().setPayload(bytes).setSignature(signer.sign(bytes)).build();
    }

    @Override
    public void close() {
        connections.values().forEach(ManagedChannel::shutdownNow);
        connections.clear();
    }
}
