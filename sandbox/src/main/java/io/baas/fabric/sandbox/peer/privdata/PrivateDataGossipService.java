package io.baas.fabric.sandbox.peer.privdata;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.fabric.identity.IdentityException;
import io.baas.fabric.identity.NodeRole;
import io.baas.fabric.identity.SignedData;
import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.channel.PeerChannels;
import io.baas.fabric.sandbox.peer.lifecycle.CollectionConfigs;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hyperledger.fabric.protos.gossip.Acknowledgement;
import org.hyperledger.fabric.protos.gossip.Envelope;
import org.hyperledger.fabric.protos.gossip.GossipGrpc;
import org.hyperledger.fabric.protos.gossip.GossipMessage;
import org.hyperledger.fabric.protos.gossip.PrivatePayload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The receiving side of {@link PrivateDataPush}: a stream must start with the sender's signed
 * ConnEstablish; each signed private data message is taken into the transient store when the
 * sender is a valid peer identity of the channel (gossip is among peers) and this peer's organization is a member of the
 * collection (as the committed definition says), and acknowledged, with the reason when refused.
 */
public final class PrivateDataGossipService extends GossipGrpc.GossipImplBase {

    private final PeerChannels channels;
    private final TransientStore transientStore;
    private final String localMspId;

    public PrivateDataGossipService(PeerChannels channels, TransientStore transientStore, String localMspId) {
        this.channels = channels;
        this.transientStore = transientStore;
        this.localMspId = localMspId;
    }

    @Override
    public StreamObserver<Envelope> gossipStream(StreamObserver<Envelope> responses) {
        return new StreamObserver<>() {
            private FabricIdentity sender;

            @Override
            public void onNext(Envelope envelope) {
                GossipMessage message;
                try {
                    message = GossipMessage.parseFrom(envelope.getPayload());
                } catch (InvalidProtocolBufferException e) {
                    responses.onError(Status.INVALID_ARGUMENT.withDescription("unreadable gossip message").asRuntimeException());
                    return;
                }
                if (message.hasConn()) {
                    sender = introduced(envelope, message).orElse(null);
                    if (sender == null) {
                        responses.onError(Status.UNAUTHENTICATED.withDescription("bad connection handshake").asRuntimeException());
                    }
                } else if (message.hasPrivateData()) {
                    String error = receive(envelope, message);
                    synchronized (responses) {
                        responses.onNext(Envelope.newBuilder().setPayload(GossipMessage.newBuilder()
                                .setAck(Acknowledgement.newBuilder().setError(error)).build().toByteString()).build());
                    }
                }
            }

            @Override
            public void onError(Throwable failure) {
                // The sender went away; nothing is held for it.
            }

            @Override
            public void onCompleted() {
                responses.onCompleted();
            }

            private String receive(Envelope envelope, GossipMessage message) {
                if (sender == null || !signedBy(envelope, sender)) {
                    return "the message is not signed by the identity the stream was opened with";
                }
                PrivatePayload payload = message.getPrivateData().getPayload();
                String channelId = message.getChannel().toString(StandardCharsets.UTF_8);
                Optional<PeerChannel> channel = channels.channel(channelId);
                if (channel.isEmpty()) {
                    return "channel " + channelId + " not found";
                }
                if (!channel.get().config().msps().isValid(sender) || sender.role().filter(NodeRole.PEER::equals).isEmpty()) {
                    return "the sender is not a valid peer identity of channel " + channelId;
                }
                Optional<StaticCollectionConfig> config = CollectionConfigs.find(channel.get().peerLedger().state(), payload.getNamespace(),
                        payload.getCollectionName(), localMspId);
                if (config.isEmpty() || !CollectionConfigs.memberOrgs(config.get()).contains(localMspId)) {
                    return localMspId + " is not a member of collection " + payload.getNamespace() + "/" + payload.getCollectionName();
                }
                transientStore.persist(channelId, payload.getTxId(), TxPvtReadWriteSet.newBuilder()
                        .setDataModel(TxReadWriteSet.DataModel.KV)
                        .addNsPvtRwset(NsPvtReadWriteSet.newBuilder().setNamespace(payload.getNamespace())
                                .addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder()
                                        .setCollectionName(payload.getCollectionName()).setRwset(payload.getPrivateRwset())))
                        .build(), payload.getPrivateSimHeight());
                return "";
            }
        };
    }

    /** The identity a ConnEstablish introduces, when it signed the message itself. */
    private static Optional<FabricIdentity> introduced(Envelope envelope, GossipMessage message) {
        try {
            FabricIdentity identity = FabricIdentity.fromSerialized(message.getConn().getIdentity());
            return signedBy(envelope, identity) ? Optional.of(identity) : Optional.empty();
        } catch (IdentityException e) {
            return Optional.empty();
        }
    }

    private static boolean signedBy(Envelope envelope, FabricIdentity identity) {
        ByteString signature = envelope.getSignature();
        return !signature.isEmpty() && new SignedData(envelope.getPayload(), identity, signature).verify();
    }
}
