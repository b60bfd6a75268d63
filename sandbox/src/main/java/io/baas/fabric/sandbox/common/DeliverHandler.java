package io.baas.fabric.sandbox.common;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * Serves one SeekInfo request of a Deliver stream as Fabric's common/deliver handler does, for the
 * orderer and the peer, in its order of checks: envelope (BAD_REQUEST), channel (NOT_FOUND), seek
 * info (BAD_REQUEST), the channel's read policy and the creator's expiry (FORBIDDEN, re-checked when the config changes), then
 * blocks from start to stop, waiting for them or answering NOT_FOUND under FAIL_IF_NOT_READY.
 */
public final class DeliverHandler {

    // The orderer's default General.Authentication.TimeWindow.
    private static final Duration TIME_WINDOW = Duration.ofMinutes(15);

    private final Function<String, Optional<? extends DeliverChannel>> channels;
    private final Clock clock;

    /** Channels are looked up by id; the clock judges request timestamps and the creator's expiry. */
    public DeliverHandler(Function<String, Optional<? extends DeliverChannel>> channels, Clock clock) {
        this.channels = channels;
        this.clock = clock;
    }

    /** Sends the requested blocks to the sink and returns the status that ends the request. */
    public Status deliver(org.hyperledger.fabric.protos.common.Envelope request, Consumer<Block> sink, BooleanSupplier cancelled)
            throws InterruptedException {
        ParsedEnvelope envelope;
        try {
            envelope = ParsedEnvelope.parse(request);
        } catch (RejectedException e) {
            return Status.BAD_REQUEST;
        }
        if (!envelope.channelHeader().hasTimestamp() || outsideTimeWindow(envelope)) {
            return Status.BAD_REQUEST;
        }
        Optional<? extends DeliverChannel> found = channels.apply(envelope.channelId());
        if (found.isEmpty()) {
            return Status.NOT_FOUND;
        }
        DeliverChannel channel = found.get();
        SeekInfo seekInfo;
        try {
            seekInfo = SeekInfo.parseFrom(envelope.payload().getData());
        } catch (InvalidProtocolBufferException e) {
            return Status.BAD_REQUEST;
        }
        if (channel.ledger().isClosed()) {
            return Status.SERVICE_UNAVAILABLE;
        }
        SessionAccess access = new SessionAccess(channel, envelope);
        if (!access.allowed()) {
            return Status.FORBIDDEN;
        }
        if (!seekInfo.hasStart() || !seekInfo.hasStop()) {
            return Status.BAD_REQUEST;
        }
        return stream(channel, seekInfo, access, sink, cancelled);
    }

    private Status stream(DeliverChannel channel, SeekInfo seekInfo, SessionAccess access, Consumer<Block> sink,
            BooleanSupplier cancelled) throws InterruptedException {
        BlockStore ledger = channel.ledger();
        Optional<Long> start = startNumber(seekInfo.getStart(), ledger.height());
        if (start.isEmpty()) {
            return Status.NOT_FOUND;
        }
        long number = start.get();
        long stop = switch (seekInfo.getStop().getTypeCase()) {
            case OLDEST -> number;
            // Start and stop both at newest means one block, even if another arrives meanwhile.
            case NEWEST -> seekInfo.getStart().equals(seekInfo.getStop()) ? number : ledger.height() - 1;
            case SPECIFIED -> seekInfo.getStop().getSpecified().getNumber();
            default -> 0;
        };
        if (Long.compareUnsigned(stop, number) < 0) {
            return Status.BAD_REQUEST;
        }
        while (true) {
            if (seekInfo.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY
                    && Long.compareUnsigned(number, ledger.height() - 1) > 0) {
                return Status.NOT_FOUND;
            }
            Optional<Block> block = ledger.await(number, cancelled);
            if (block.isEmpty()) {
                return Status.SERVICE_UNAVAILABLE;
            }
            number++;
            if (!access.allowed()) {
                return Status.FORBIDDEN;
            }
            sink.accept(block.get());
            if (block.get().getHeader().getNumber() == stop) {
                return Status.SUCCESS;
            }
        }
    }

    /** The ledger iterator's start: a specified block beyond the height is NOT_FOUND, the height itself is awaited. */
    private static Optional<Long> startNumber(SeekPosition start, long height) {
        return switch (start.getTypeCase()) {
            case OLDEST -> Optional.of(0L);
            case NEWEST -> Optional.of(height - 1);
            case NEXT_COMMIT -> Optional.of(height);
            case SPECIFIED -> Long.compareUnsigned(start.getSpecified().getNumber(), height) > 0
                    ? Optional.empty() : Optional.of(start.getSpecified().getNumber());
            default -> Optional.empty();
        };
    }

    private boolean outsideTimeWindow(ParsedEnvelope envelope) {
        var timestamp = envelope.channelHeader().getTimestamp();
        Instant sent = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        return Duration.between(sent, clock.instant()).abs().compareTo(TIME_WINDOW) > 0;
    }

    /** Fabric's SessionAccessControl: the policy is evaluated again only when the config sequence moves. */
    private final class SessionAccess {

        private final DeliverChannel channel;
        private final ParsedEnvelope envelope;
        private long checkedSequence = -1;

        SessionAccess(DeliverChannel channel, ParsedEnvelope envelope) {
            this.channel = channel;
            this.envelope = envelope;
        }

        boolean allowed() {
            if (envelope.creatorExpired(clock.instant())) {
                return false;
            }
            long sequence = channel.configSequence();
            if (sequence == checkedSequence) {
                return true;
            }
            if (!channel.mayRead(envelope)) {
                return false;
            }
            checkedSequence = sequence;
            return true;
        }
    }
}
