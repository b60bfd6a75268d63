package io.baas.fabric.block;

import com.google.protobuf.ByteString;
import java.util.List;

/** The hashed read/write set of one private data collection. */
public record CollectionHashes(String collection, ByteString privateReadWriteSetHash,
        List<HashedRead> reads, List<HashedWrite> writes) {
}
