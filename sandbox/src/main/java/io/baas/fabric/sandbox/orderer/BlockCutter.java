package io.baas.fabric.sandbox.orderer;

import io.baas.fabric.configtx.BatchSize;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Fabric's block cutter: batches messages by MaxMessageCount and PreferredMaxBytes. A message
 * larger than the preferred size goes alone into its own batch after the pending one is cut; the
 * batch timeout is the caller's business (it calls {@link #cut()}).
 */
final class BlockCutter {

    /** Batches ready to become blocks, and whether messages are left waiting. */
    record Ordered(List<List<Envelope>> batches, boolean pending) {
    }

    private final List<Envelope> pending = new ArrayList<>();
    private long pendingBytes;

    Ordered ordered(Envelope message, BatchSize size) {
        List<List<Envelope>> batches = new ArrayList<>();
        long messageBytes = (long) message.getPayload().size() + message.getSignature().size();
        long preferredMaxBytes = Integer.toUnsignedLong(size.preferredMaxBytes());
        if (messageBytes > preferredMaxBytes) {
            if (!pending.isEmpty()) {
                batches.add(cut());
            }
            batches.add(List.of(message));
            return new Ordered(batches, false);
        }
        if (pendingBytes + messageBytes > preferredMaxBytes) {
            batches.add(cut());
        }
        pending.add(message);
        pendingBytes += messageBytes;
        if (pending.size() >= Integer.toUnsignedLong(size.maxMessageCount())) {
            batches.add(cut());
        }
        return new Ordered(batches, !pending.isEmpty());
    }

    /** The pending batch, possibly empty; the cutter starts over. */
    List<Envelope> cut() {
        List<Envelope> batch = List.copyOf(pending);
        pending.clear();
        pendingBytes = 0;
        return batch;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }
}
