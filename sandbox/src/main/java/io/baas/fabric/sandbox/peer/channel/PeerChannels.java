package io.baas.fabric.sandbox.peer.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.peer.commit.EndorsementPolicies;
import io.baas.fabric.sandbox.peer.ledger.PrivateDataStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;

/** The channels the peer has joined (cscc JoinChain), each with its ledger and its deliver client. */
public final class PeerChannels implements AutoCloseable {

    private final Map<String, PeerChannel> channels = new TreeMap<>();
    private final Map<String, BlockPuller> pullers = new TreeMap<>();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Signer signer;
    private final Map<String, String> overrides;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final EndorsementPolicies policies;
    private final io.baas.fabric.sandbox.peer.privdata.PeerPrivateData privateData;
    private final java.util.Optional<java.nio.file.Path> dataDirectory;

    public PeerChannels(Signer signer, Map<String, String> overrides, Clock clock, ScheduledExecutorService scheduler,
            EndorsementPolicies policies) {
        this(signer, overrides, clock, scheduler, policies, java.util.Optional.empty(),
                io.baas.fabric.sandbox.peer.privdata.PeerPrivateData.none());
    }

    /**
     * With a data directory, each channel's committed blocks go to {@code <dir>/<channel>/blocks};
     * the channels found there are rebuilt from their blocks and pull on from their height.
     */
    public PeerChannels(Signer signer, Map<String, String> overrides, Clock clock, ScheduledExecutorService scheduler,
            EndorsementPolicies policies, java.util.Optional<java.nio.file.Path> dataDirectory,
            io.baas.fabric.sandbox.peer.privdata.PeerPrivateData privateData) {
        this.signer = signer;
        this.privateData = privateData;
        this.overrides = overrides;
        this.clock = clock;
        this.scheduler = scheduler;
        this.policies = policies;
        this.dataDirectory = dataDirectory;
        dataDirectory.ifPresent(this::recover);
    }

    private void recover(java.nio.file.Path directory) {
        for (io.baas.fabric.sandbox.common.BlockFile.Stored stored : io.baas.fabric.sandbox.common.BlockFile.channels(directory)) {
            PeerChannel channel = create(stored.blocks().get(0));
            java.nio.file.Path privateData = PrivateDataStore.of(directory, channel.channelId());
            Map<Long, List<PrivateDataStore.Element>> byBlock = PrivateDataStore.read(privateData, stored.blocks().size()).stream()
                    .collect(java.util.stream.Collectors.groupingBy(PrivateDataStore.Element::blockNumber));
            stored.blocks().subList(1, stored.blocks().size())
                    .forEach(block -> channel.recommit(block, byBlock.getOrDefault(block.getHeader().getNumber(), List.of())));
            channel.persistPrivateDataTo(PrivateDataStore.open(privateData, stored.blocks().size()));
            channel.ledger().persistTo(io.baas.fabric.sandbox.common.BlockFile.open(stored.path()));
            pullers.get(channel.channelId()).start();
        }
    }

    /** Creates the ledger from the channel's genesis block and starts pulling the next blocks from the ordering service. */
    public PeerChannel join(Block genesis) {
        PeerChannel channel = create(genesis);
        dataDirectory.ifPresent(directory -> {
            var file = io.baas.fabric.sandbox.common.BlockFile.open(io.baas.fabric.sandbox.common.BlockFile.of(directory, channel.channelId()));
            file.append(channel.peerLedger().block(0).orElseThrow());
            channel.persistPrivateDataTo(PrivateDataStore.open(PrivateDataStore.of(directory, channel.channelId()), 1));
            channel.ledger().persistTo(file);
        });
        BlockPuller puller;
        synchronized (this) {
            puller = pullers.get(channel.channelId());
        }
        puller.start();
        return channel;
    }

    /** The channel's ledger from its genesis block, and its (not yet started) block puller. */
    private PeerChannel create(Block genesis) {
        ChannelConfig config;
        String channelId;
        try {
            if (genesis.getData().getDataCount() != 1) {
                throw new SandboxException("block is not a config block");
            }
            ParsedEnvelope envelope = ParsedEnvelope.parse(Envelope.parseFrom(genesis.getData().getData(0)));
            if (envelope.channelHeader().getType() != HeaderType.CONFIG_VALUE) {
                throw new SandboxException("block is not a config block");
            }
            channelId = envelope.channelId();
            ConfigEnvelope configEnvelope = ConfigEnvelope.parseFrom(envelope.payload().getData());
            config = ChannelConfig.of(configEnvelope.getConfig());
        } catch (InvalidProtocolBufferException | io.baas.fabric.FabricDataException | SandboxException e) {
            throw new SandboxException("Failed validating config block: " + e.getMessage(), e);
        }
        if (genesis.getHeader().getNumber() != 0) {
            throw new SandboxException("the sandbox peer joins channels from their genesis block only, not block "
                    + genesis.getHeader().getNumber());
        }
        PeerChannel channel;
        BlockPuller puller;
        synchronized (this) {
            if (channels.containsKey(channelId)) {
                throw new SandboxException("cannot create ledger from genesis block: ledger [" + channelId
                        + "] already exists with state [ACTIVE]");
            }
            channel = new PeerChannel(channelId, genesis, config, policies, privateData);
            listeners.forEach(channel::addListener);
            puller = new BlockPuller(channel, signer, overrides, clock, scheduler);
            channels.put(channelId, channel);
            pullers.put(channelId, puller);
        }
        return channel;
    }

    public synchronized Optional<PeerChannel> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    public synchronized List<String> channelIds() {
        return new ArrayList<>(channels.keySet());
    }

    /** Hears of commits on every channel, present and future. */
    public synchronized void addListener(CommitListener listener) {
        listeners.add(listener);
        channels.values().forEach(channel -> channel.addListener(listener));
    }

    @Override
    public synchronized void close() {
        pullers.values().forEach(BlockPuller::close);
        channels.values().forEach(PeerChannel::close);
        pullers.clear();
        channels.clear();
    }
}
