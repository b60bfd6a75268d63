package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.sandbox.common.BlockStore;
import io.baas.fabric.sandbox.common.DeliverChannel;
import io.baas.fabric.sandbox.common.ParsedEnvelope;
import io.baas.fabric.sandbox.common.RejectedException;
import com.google.protobuf.ByteString;
import io.baas.fabric.identity.Signer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;

/**
 * One channel of the ordering node: the single consenter of its channel, so ordering is the
 * order in which validated messages arrive. A normal message is validated outside the channel's
 * lock (the signature checks are most of an orderer's work, and run side by side); as in Fabric's
 * consenters, one validated against a config that was replaced before it is enqueued is validated
 * again under the lock, so no message is cut under a config it was not checked against.
 */
final class OrdererChannel implements DeliverChannel, AutoCloseable {

    private final String channelId;
    private final BlockStore ledger;
    private final BlockWriter writer;
    private final BlockCutter cutter = new BlockCutter();
    private final Signer signer;
    private final Supplier<ByteString> nonces;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private volatile ChannelState state;
    private ScheduledFuture<?> batchTimer;
    private volatile boolean closed;

    OrdererChannel(String channelId, Block genesis, ChannelState state, Signer signer, Supplier<ByteString> nonces, Clock clock,
            ScheduledExecutorService timers) {
        this(channelId, List.of(genesis), 0, state, signer, nonces, clock, timers);
    }

    /**
     * A channel with the blocks it wrote before (read back from its block file): the config of
     * {@code lastConfigBlock} is {@code state}, and new blocks chain on the last one.
     */
    OrdererChannel(String channelId, List<Block> blocks, long lastConfigBlock, ChannelState state, Signer signer,
            Supplier<ByteString> nonces, Clock clock, ScheduledExecutorService timers) {
        this.channelId = channelId;
        this.ledger = new BlockStore(blocks.get(0));
        blocks.subList(1, blocks.size()).forEach(ledger::append);
        this.writer = new BlockWriter(signer, nonces, blocks.get(blocks.size() - 1), lastConfigBlock);
        this.state = state;
        this.signer = signer;
        this.nonces = nonces;
        this.clock = clock;
        this.timers = timers;
    }

    String channelId() {
        return channelId;
    }

    ChannelState state() {
        return state;
    }

    @Override
    public BlockStore ledger() {
        return ledger;
    }

    @Override
    public long configSequence() {
        return state.sequence();
    }

    /** Deliver on the orderer: /Channel/Readers. */
    @Override
    public boolean mayRead(ParsedEnvelope request) {
        try {
            EnvelopeFilters.requireSignedFor(request, state, EnvelopeFilters.READERS);
            return true;
        } catch (RejectedException e) {
            return false;
        }
    }

    /** Validates a normal message and hands it to the block cutter. */
    void order(ParsedEnvelope message) {
        requireOpen();
        ChannelState validatedAgainst = state;
        EnvelopeFilters.apply(message, validatedAgainst, clock.instant());
        enqueue(message, validatedAgainst);
    }

    private synchronized void enqueue(ParsedEnvelope message, ChannelState validatedAgainst) {
        requireOpen();
        if (state != validatedAgainst) {
            EnvelopeFilters.apply(message, state, clock.instant());
        }
        BlockCutter.Ordered ordered = cutter.ordered(message.envelope(), state.batchSize());
        ordered.batches().forEach(batch -> ledger.append(writer.writeTransactions(batch)));
        // As Fabric's chains: a timer runs while messages wait, and is not restarted by a cut.
        if (!ordered.pending()) {
            cancelTimer();
        } else if (batchTimer == null) {
            batchTimer = timers.schedule(this::onBatchTimeout, state.batchTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Validates a config update and writes its config block, after cutting what was pending. */
    synchronized void configure(ParsedEnvelope message) {
        requireOpen();
        ConfigUpdateProcessor.ConfigTransaction transaction =
                ConfigUpdateProcessor.process(message, state, signer, clock.instant(), nonces.get());
        List<Envelope> pending = cutter.cut();
        if (!pending.isEmpty()) {
            ledger.append(writer.writeTransactions(pending));
        }
        cancelTimer();
        ledger.append(writer.writeConfig(transaction.envelope()));
        state = transaction.next();
    }

    private synchronized void onBatchTimeout() {
        batchTimer = null;
        if (!closed && cutter.hasPending()) {
            ledger.append(writer.writeTransactions(cutter.cut()));
        }
    }

    private void cancelTimer() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new RejectedException(Status.SERVICE_UNAVAILABLE, "channel " + channelId + " is being removed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cancelTimer();
        ledger.close();
    }
}
