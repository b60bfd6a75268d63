package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.Sha256;
import io.baas.fabric.sandbox.peer.ledger.PrivateDataStore;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import io.baas.fabric.sandbox.peer.lifecycle.CollectionConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * What one valid transaction changes in the private data of a peer, as Fabric's committer works
 * it out: every peer applies the hashed writes; a peer of a member organization applies the
 * private values too, taken from the write sets held for the transaction (transient store) whose
 * hash is the one in the block. A private write set that matches no hash is not used: the peer
 * then lacks that data, as a Fabric peer whose reconciliation found none, and reads of those keys
 * fail with Fabric's "private data matching public hash version is not available".
 */
final class PrivateWrites {

    private static final Logger LOG = Logger.getLogger(PrivateWrites.class.getName());

    /** The hashed writes, the private values, and the private write sets to keep in the private data store. */
    record Changes(List<WorldState.HashedWrite> hashed, List<WorldState.PrivateWrite> values, List<PrivateDataStore.Element> stored) {
    }

    private PrivateWrites() {
    }

    static Changes of(ValidatedTransaction tx, long blockNumber, WorldState state, String localMspId, List<TxPvtReadWriteSet> held) {
        List<WorldState.HashedWrite> hashed = new ArrayList<>();
        List<WorldState.PrivateWrite> values = new ArrayList<>();
        List<PrivateDataStore.Element> stored = new ArrayList<>();
        for (NamespaceRwSet ns : tx.rwsets()) {
            for (NamespaceRwSet.CollectionRwSet collection : ns.collections()) {
                if (collection.hashed().getHashedWritesCount() == 0) {
                    continue;
                }
                Optional<StaticCollectionConfig> config = CollectionConfigs.find(state, ns.namespace(), collection.collection(), localMspId);
                long blockToLive = config.map(StaticCollectionConfig::getBlockToLive).orElse(0L);
                for (KVWriteHash write : collection.hashed().getHashedWritesList()) {
                    hashed.add(new WorldState.HashedWrite(ns.namespace(), collection.collection(), write.getKeyHash(),
                            write.getIsDelete() ? Optional.empty() : Optional.of(write.getValueHash()), blockToLive));
                }
                boolean member = config.map(c -> CollectionConfigs.memberOrgs(c).contains(localMspId)).orElse(false);
                if (!member) {
                    continue;
                }
                Optional<ByteString> privateWrites = matching(held, ns.namespace(), collection);
                if (privateWrites.isEmpty()) {
                    LOG.warning(() -> "transaction " + tx.txId() + ": the private data of " + ns.namespace() + "/" + collection.collection()
                            + " is missing or does not match its hash; this peer will not have it");
                    continue;
                }
                values.addAll(values(ns.namespace(), collection.collection(), privateWrites.get(), blockToLive));
                stored.add(new PrivateDataStore.Element(blockNumber, tx.index(), tx.txId(), ns.namespace(), collection.collection(),
                        privateWrites.get()));
            }
        }
        return new Changes(hashed, values, stored);
    }

    /** The private values a restarted peer takes again from its private data store (their hashes were checked at commit). */
    static List<WorldState.PrivateWrite> restored(List<PrivateDataStore.Element> elements, WorldState state) {
        List<WorldState.PrivateWrite> values = new ArrayList<>();
        for (PrivateDataStore.Element element : elements) {
            long blockToLive = CollectionConfigs.find(state, element.namespace(), element.collection(), "")
                    .map(StaticCollectionConfig::getBlockToLive).orElse(0L);
            values.addAll(values(element.namespace(), element.collection(), element.rwset(), blockToLive));
        }
        return values;
    }

    private static List<WorldState.PrivateWrite> values(String namespace, String collection, ByteString rwset, long blockToLive) {
        KVRWSet writes;
        try {
            writes = KVRWSet.parseFrom(rwset);
        } catch (InvalidProtocolBufferException e) {
            return List.of();
        }
        List<WorldState.PrivateWrite> values = new ArrayList<>();
        for (KVWrite write : writes.getWritesList()) {
            values.add(new WorldState.PrivateWrite(namespace, collection, write.getKey(),
                    write.getIsDelete() ? Optional.empty() : Optional.of(write.getValue()), blockToLive));
        }
        return values;
    }

    /** The held private write set of the collection whose SHA-256 is the block's pvt_rwset_hash. */
    private static Optional<ByteString> matching(List<TxPvtReadWriteSet> held, String namespace, NamespaceRwSet.CollectionRwSet collection) {
        for (TxPvtReadWriteSet rwset : held) {
            for (NsPvtReadWriteSet ns : rwset.getNsPvtRwsetList()) {
                if (!ns.getNamespace().equals(namespace)) {
                    continue;
                }
                for (CollectionPvtReadWriteSet candidate : ns.getCollectionPvtRwsetList()) {
                    if (candidate.getCollectionName().equals(collection.collection())
                            && Sha256.digest(candidate.getRwset()).equals(collection.privateRwSetHash())) {
                        return Optional.of(candidate.getRwset());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
