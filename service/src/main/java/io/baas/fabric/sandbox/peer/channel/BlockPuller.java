package io.baas.fabric.sandbox.peer.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.tls.TlsMaterial;
import io.baas.fabric.transaction.Nonces;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/**
 * The peer's deliver client for one channel: asks an orderer of the channel (its endpoints from
 * the config, through the address overrides) for every block from the ledger height on, checks each
 * block against /Channel/Orderer/BlockValidation, and hands it to the committer. On a broken stream
 * it reconnects to the next endpoint after a pause, as Fabric's deliver client does.
 */
public final class BlockPuller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BlockPuller.class.getName());
    private static final long RETRY_MILLIS = 500;

    private final PeerChannel channel;
    private final Signer signer;
    private final Map<String, String> overrides;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger endpointIndex = new AtomicInteger();
    private ManagedChannel connection;
    private boolean closed;

    public BlockPuller(PeerChannel channel, Signer signer, Map<String, String> overrides, Clock clock, ScheduledExecutorService scheduler) {
        this.channel = channel;
        this.signer = signer;
        this.overrides = overrides;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public synchronized void start() {
        if (closed) {
            return;
        }
        ChannelConfig config = channel.config();
        List<String> endpoints = config.ordererEndpoints();
        if (endpoints.isEmpty()) {
            LOG.warning(() -> "channel " + channel.channelId() + " names no orderer endpoint: no blocks will arrive");
            return;
        }
        String endpoint = endpoints.get(Math.floorMod(endpointIndex.getAndIncrement(), endpoints.size()));
        String address = overrides.getOrDefault(endpoint, endpoint);
        closeConnection();
        connection = NettyChannelBuilder.forTarget(address,
                        TlsChannelCredentials.newBuilder().trustManager(TlsMaterial.trustManagers(config.ordererTlsRoots())).build())
                .maxInboundMessageSize(100 * 1024 * 1024)
                .build();
        AtomicBroadcastGrpc.newStub(connection).deliver(new ClientResponseObserver<Envelope, DeliverResponse>() {
            private ClientCallStreamObserver<Envelope> requests;

            @Override
            public void beforeStart(ClientCallStreamObserver<Envelope> requestStream) {
                this.requests = requestStream;
            }

            @Override
            public void onNext(DeliverResponse response) {
                if (!response.hasBlock()) {
                    LOG.info(() -> "orderer ended the deliver stream of " + channel.channelId() + " with " + response.getStatus());
                    requests.cancel("deliver stream ended", null);
                    retry();
                    return;
                }
                try {
                    receive(response.getBlock());
                } catch (SandboxException e) {
                    LOG.log(Level.WARNING, "refused block " + response.getBlock().getHeader().getNumber() + " of "
                            + channel.channelId() + ": " + e.getMessage());
                    requests.cancel("refused block", e);
                    retry();
                }
            }

            @Override
            public void onError(Throwable t) {
                retry();
            }

            @Override
            public void onCompleted() {
                retry();
            }
        }).onNext(seekRequest(channel.peerLedger().height()));
    }

    private void receive(Block block) {
        if (block.getHeader().getNumber() < channel.peerLedger().height()) {
            return;
        }
        var signatures = BlockDecoder.decodeMetadata(block).ordererSignatures();
        if (!channel.config().satisfied(ChannelConfig.BLOCK_VALIDATION, signatures)) {
            throw new SandboxException("block " + block.getHeader().getNumber() + " does not satisfy " + ChannelConfig.BLOCK_VALIDATION);
        }
        channel.commit(block);
    }

    private void retry() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        scheduler.schedule(this::start, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private Envelope seekRequest(long from) {
        SeekInfo seekInfo = SeekInfo.newBuilder()
                .setStart(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(from)))
                .setStop(SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(Long.MAX_VALUE)))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)
                .build();
        Instant now = clock.instant();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                                .setChannelId(channel.channelId())
                                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                                .build().toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(signer.identity().serialized())
                                .setNonce(Nonces.random())
                                .build().toByteString()))
                .setData(seekInfo.toByteString())
                .build()
                .toByteString();
        return Envelope.newBuilder().setPayload(payload).setSignature(signer.sign(payload)).build();
    }

    private void closeConnection() {
        if (connection != null) {
            connection.shutdownNow();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeConnection();
    }
}
