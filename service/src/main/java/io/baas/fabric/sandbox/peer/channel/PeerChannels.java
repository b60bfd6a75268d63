package io.baas.fabric.sandbox.peer.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.peer.commit.EndorsementPolicies;
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

    public PeerChannels(Signer signer, Map<String, String> overrides, Clock clock, ScheduledExecutorService scheduler,
            EndorsementPolicies policies) {
        this.signer = signer;
        this.overrides = overrides;
        this.clock = clock;
        this.scheduler = scheduler;
        this.policies = policies;
    }

    /** Creates the ledger from the channel's genesis block and starts pulling the next blocks from the ordering service. */
    public PeerChannel join(Block genesis) {
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
            channel = new PeerChannel(channelId, genesis, config, policies);
            listeners.forEach(channel::addListener);
            puller = new BlockPuller(channel, signer, overrides, clock, scheduler);
            channels.put(channelId, channel);
            pullers.put(channelId, puller);
        }
        puller.start();
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
