package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.common.BlockFile;
import io.baas.fabric.sandbox.common.NodeLog;
import io.baas.fabric.sandbox.operations.NodeMetrics;
import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.common.RejectedException;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.sandbox.SandboxException;
import io.baas.fabric.sandbox.orderer.ChannelRegistryException.Reason;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;

/** The channels of the ordering node: joined from genesis blocks, listed, removed, and where broadcasts go. */
public final class ChannelRegistry implements AutoCloseable {

    private static final Pattern CHANNEL_ID = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

    private final Map<String, OrdererChannel> channels = new TreeMap<>();
    private final NodeLog log;
    private final OrdererMetrics metrics;
    private final Signer signer;
    private final Supplier<ByteString> nonces;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final java.util.Optional<java.nio.file.Path> dataDirectory;

    /** Batch timers run on the given scheduler; nonces feed the signature headers the node signs. */
    public ChannelRegistry(Signer signer, Supplier<ByteString> nonces, Clock clock, ScheduledExecutorService timers) {
        this(signer, nonces, clock, timers, java.util.Optional.empty());
    }

    /** With a data directory: every channel's blocks go to {@code <dir>/<channel>/blocks}, and the channels found there are served again. */
    public ChannelRegistry(Signer signer, Supplier<ByteString> nonces, Clock clock, ScheduledExecutorService timers,
            java.util.Optional<java.nio.file.Path> dataDirectory) {
        this(signer, nonces, clock, timers, dataDirectory, new NodeLog(clock), new NodeMetrics());
    }

    /** Writing what the node does to its log, as a Fabric orderer writes it, and counting it under Fabric's metrics. */
    public ChannelRegistry(Signer signer, Supplier<ByteString> nonces, Clock clock, ScheduledExecutorService timers,
            java.util.Optional<java.nio.file.Path> dataDirectory, NodeLog log, NodeMetrics metrics) {
        this.log = log;
        this.metrics = new OrdererMetrics(metrics, this);
        this.signer = signer;
        this.nonces = nonces;
        this.clock = clock;
        this.timers = timers;
        this.dataDirectory = dataDirectory;
        dataDirectory.ifPresent(this::recover);
    }

    private void recover(java.nio.file.Path directory) {
        for (BlockFile.Stored stored : BlockFile.channels(directory)) {
            List<Block> blocks = stored.blocks();
            String channelId = configEnvelope(blocks.get(0)).channelId();
            int lastConfig = lastConfigBlock(blocks);
            ConfigEnvelope config;
            try {
                config = ConfigEnvelope.parseFrom(configEnvelope(blocks.get(lastConfig)).payload().getData());
            } catch (InvalidProtocolBufferException e) {
                throw new SandboxException("channel " + channelId + " has an unreadable config block " + lastConfig, e);
            }
            OrdererChannel channel = new OrdererChannel(channelId, blocks, lastConfig, ChannelState.of(config.getConfig()),
                    signer, nonces, clock, timers);
            channel.ledger().persistTo(BlockFile.open(stored.path()));
            channels.put(channelId, channel);
            logBlocks(channel);
            log.info("orderer.common.multichannel", "newChainSupport", "Resuming channel " + channelId + " at height " + blocks.size());
        }
    }

    /** The newest block that holds a config transaction (a config block holds nothing else). */
    private static int lastConfigBlock(List<Block> blocks) {
        for (int i = blocks.size() - 1; i > 0; i--) {
            try {
                if (blocks.get(i).getData().getDataCount() == 1 && ParsedEnvelope.parse(Envelope.parseFrom(blocks.get(i).getData().getData(0)))
                        .channelHeader().getType() == HeaderType.CONFIG_VALUE) {
                    return i;
                }
            } catch (InvalidProtocolBufferException | RejectedException e) {
                // a transaction block: keep looking
            }
        }
        return 0;
    }

    /** Joins as the channel's only consenter from its genesis block, as osnadmin channel join asks. */
    public synchronized ChannelInfo join(Block block) {
        ParsedEnvelope config = configEnvelope(block);
        String channelId = config.channelId();
        ChannelState state;
        try {
            if (!CHANNEL_ID.matcher(channelId).matches()) {
                throw new SandboxException("invalid channel ID '" + channelId + "'");
            }
            ConfigEnvelope configEnvelope = ConfigEnvelope.parseFrom(config.payload().getData());
            if (!configEnvelope.hasConfig()) {
                throw new SandboxException("config envelope has no config");
            }
            state = ChannelState.of(configEnvelope.getConfig());
        } catch (InvalidProtocolBufferException | SandboxException e) {
            throw new ChannelRegistryException(Reason.INVALID_JOIN_BLOCK, "invalid join block: " + e.getMessage());
        }
        if (channels.containsKey(channelId)) {
            throw new ChannelRegistryException(Reason.ALREADY_EXISTS, "cannot join: channel already exists");
        }
        if (block.getHeader().getNumber() != 0) {
            throw new ChannelRegistryException(Reason.CANNOT_JOIN,
                    "cannot join: the sandbox orderer joins channels from their genesis block only, not block "
                            + block.getHeader().getNumber());
        }
        OrdererChannel channel = new OrdererChannel(channelId, block, state, signer, nonces, clock, timers);
        dataDirectory.ifPresent(directory -> {
            var file = BlockFile.open(BlockFile.of(directory, channelId));
            file.append(block);
            channel.ledger().persistTo(file);
        });
        channels.put(channelId, channel);
        logBlocks(channel);
        log.info("orderer.common.multichannel", "JoinChannel", "Joining channel: " + channelId + " from its genesis block");
        return info(channel);
    }

    /** One line per block written, as etcdraft writes it; a fresh one-node Raft log puts block n at index n + 2. */
    private void logBlocks(OrdererChannel channel) {
        // The one consenter elects itself as the channel starts: one leader change, as a fresh etcdraft node counts it.
        metrics.leaderElected(channel.channelId());
        channel.ledger().onAppend(block -> log.info("orderer.consensus.etcdraft", "writeBlock", "Writing block [" + block.getHeader().getNumber()
                + "] (Raft index: " + (block.getHeader().getNumber() + 2) + ") to ledger channel=" + channel.channelId() + " node=1"));
    }

    public synchronized List<String> channelIds() {
        return List.copyOf(channels.keySet());
    }

    public synchronized Optional<ChannelInfo> info(String channelId) {
        return Optional.ofNullable(channels.get(channelId)).map(ChannelRegistry::info);
    }

    public synchronized void remove(String channelId) {
        OrdererChannel channel = channels.remove(channelId);
        if (channel == null) {
            throw new ChannelRegistryException(Reason.NOT_FOUND, "cannot remove: channel does not exist");
        }
        channel.close();
        dataDirectory.ifPresent(directory -> deleteRecursively(directory.resolve(channelId)));
    }

    private static void deleteRecursively(java.nio.file.Path directory) {
        if (!java.nio.file.Files.exists(directory)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(directory)) {
            for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new SandboxException("cannot remove the files of channel " + directory.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Validates and enqueues one broadcast message; a refusal carries Fabric's status. Counted as Fabric's broadcast handler counts. */
    void broadcast(Envelope envelope) {
        long started = System.nanoTime();
        String[] labels = {"", "", "SUCCESS"};
        try {
            enqueue(envelope, labels);
        } catch (RejectedException e) {
            labels[2] = e.status().name();
            throw e;
        } finally {
            metrics.processed(labels[0], labels[1], labels[2], (System.nanoTime() - started) / 1e9);
        }
    }

    /** {@code labels} learns the channel and the message type as soon as they are known. */
    private void enqueue(Envelope envelope, String[] labels) {
        ParsedEnvelope message;
        try {
            message = ParsedEnvelope.parse(envelope);
        } catch (RejectedException e) {
            throw e.prefixed("could not determine channel ID");
        }
        labels[0] = message.channelId();
        int type = message.channelHeader().getType();
        HeaderType named = HeaderType.forNumber(type);
        labels[1] = named == null ? String.valueOf(type) : named.name();
        OrdererChannel channel = channel(message.channelId()).orElseThrow(() -> new RejectedException(Status.BAD_REQUEST,
                // Fabric 2.5 without a system channel answers an unknown channel this way.
                "channel creation request not allowed because the orderer system channel is not defined"));
        if (type == HeaderType.CONFIG_UPDATE_VALUE) {
            channel.configure(message);
        } else if (type == HeaderType.CONFIG_VALUE || type == HeaderType.ORDERER_TRANSACTION_VALUE) {
            throw new RejectedException(Status.BAD_REQUEST, "message is of type that cannot be processed directly");
        } else {
            channel.order(message);
        }
    }

    synchronized Optional<OrdererChannel> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    @Override
    public synchronized void close() {
        channels.values().forEach(OrdererChannel::close);
        channels.clear();
    }

    private static ChannelInfo info(OrdererChannel channel) {
        return new ChannelInfo(channel.channelId(), channel.ledger().height());
    }

    /** protoutil.IsConfigBlock: one envelope, whose channel header says CONFIG. */
    private static ParsedEnvelope configEnvelope(Block block) {
        try {
            if (block.getData().getDataCount() != 1) {
                throw new RejectedException(Status.BAD_REQUEST, "block is not a config block");
            }
            ParsedEnvelope envelope = ParsedEnvelope.parse(Envelope.parseFrom(block.getData().getData(0)));
            if (envelope.channelHeader().getType() != HeaderType.CONFIG_VALUE) {
                throw new RejectedException(Status.BAD_REQUEST, "block is not a config block");
            }
            return envelope;
        } catch (InvalidProtocolBufferException | RejectedException e) {
            throw new ChannelRegistryException(Reason.INVALID_JOIN_BLOCK, "invalid join block: block is not a config block");
        }
    }
}
