package io.baas.explorer;

import java.time.Instant;
import java.util.Optional;

/** A ledger the explorer indexes (explorer_channel): where it comes from, how far it is, and its counters. */
public record IndexedChannel(long id, String kind, String source, String channelId, long nextBlock, State state,
                             Optional<Long> degradedBlock, Optional<String> degradedReason, long blockCount, long txCount,
                             long validTxCount, Optional<Long> peerHeight, Instant updatedAt) {

    /** A Channel resource of the platform; its source is "namespace/name". */
    public static final String CONSORTIUM = "consortium";

    public enum State {
        /** Following the channel's blocks. */
        Indexing,
        /** A block broke the verified chain: indexing stopped at degradedBlock for the reason given. */
        Degraded
    }
}
