package io.baas.fabric.block;

import java.util.List;

/** What one transaction read and wrote in one chaincode namespace. */
public record NamespaceReadWriteSet(String namespace, List<KeyRead> reads, List<KeyWrite> writes,
        int rangeQueryCount, int metadataWriteCount, List<CollectionHashes> collections) {
}
