package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

/** One namespace's public reads, range queries and writes of a transaction, and its collections' hashed read-write sets. */
public record NamespaceRwSet(String namespace, KVRWSet rwset, List<CollectionRwSet> collections) {

    /** One collection's hashed reads and writes, and the hash of the private write set they come from. */
    public record CollectionRwSet(String collection, HashedRWSet hashed, ByteString privateRwSetHash) {
    }

    public NamespaceRwSet {
        collections = List.copyOf(collections);
    }

    /** Fabric's txWritesToNamespace: public writes, metadata writes, or hashed writes into a collection. */
    public boolean writes() {
        return rwset.getWritesCount() > 0 || rwset.getMetadataWritesCount() > 0
                || collections.stream().anyMatch(c -> c.hashed().getHashedWritesCount() > 0 || c.hashed().getMetadataWritesCount() > 0);
    }
}
