package io.baas.fabric.sandbox.peer.channel;

import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;

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
        return io.baas.fabric.admin.SeekRequests.from(signer, channel.channelId(), clock.instant(), from);
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
