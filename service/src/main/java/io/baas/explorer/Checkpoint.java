package io.baas.explorer;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * Where a channel's index stands: the next block to index, the header hash it must link to and
 * the config in force (both absent until the trusted block is indexed).
 */
public record Checkpoint(long nextBlock, Optional<ByteString> lastHeaderHash, Optional<TrustedConfig> config) {

    /** Before anything is indexed: the trusted block comes first. */
    public static Checkpoint from(long trustedBlock) {
        return new Checkpoint(trustedBlock, Optional.empty(), Optional.empty());
    }
}
