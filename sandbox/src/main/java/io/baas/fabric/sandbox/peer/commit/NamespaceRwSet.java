package io.baas.fabric.sandbox.peer.commit;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

/** One namespace's public reads, range queries and writes of a transaction. */
public record NamespaceRwSet(String namespace, KVRWSet rwset) {

    /** Fabric's txWritesToNamespace: public writes or metadata writes (no private data here). */
    public boolean writes() {
        return rwset.getWritesCount() > 0 || rwset.getMetadataWritesCount() > 0;
    }
}
