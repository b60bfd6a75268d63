package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * A block as the explorer and validators need it. {@code dataHashMatches} tells whether the
 * header's data hash is the hash of the envelopes actually carried.
 */
public record DecodedBlock(
        long number,
        ByteString headerHash,
        ByteString previousHash,
        ByteString dataHash,
        boolean dataHashMatches,
        List<DecodedTransaction> transactions,
        DecodedMetadata metadata) {
}
