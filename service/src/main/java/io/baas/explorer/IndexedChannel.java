package io.baas.explorer;

import java.time.Instant;
import java.util.Optional;

/** A ledger the explorer indexes (explorer_channel): where it comes from, how far it is, and its counters. */
public record IndexedChannel(long id, String kind, String source, String channelId, long nextBlock, State state,
                             Optional<Long> degradedBlock, Optional<String> degradedReason, long blockCount, long txCount,
                             long validTxCount, Optional<Long> peerHeight, Instant updatedAt) {

    /** A Channel resource of the platform; its source is "namespace/name". */
    public static final String CONSORTIUM = "consortium";
    /** A channel of a network outside the platform, registered by a platform admin; its source is its name. */
    public static final String EXTERNAL = "external";

    public enum State {
        /** Following the channel's blocks. */
        Indexing,
        /** A block broke the verified chain: indexing stopped at degradedBlock for the reason given. */
        Degraded
    }
}
