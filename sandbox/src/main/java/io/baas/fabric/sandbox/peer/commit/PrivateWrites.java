package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baas.fabric.Sha256;
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

    record Changes(List<WorldState.HashedWrite> hashed, List<WorldState.PrivateWrite> values) {
    }

    private PrivateWrites() {
    }

    static Changes of(ValidatedTransaction tx, WorldState state, String localMspId, List<TxPvtReadWriteSet> held) {
        List<WorldState.HashedWrite> hashed = new ArrayList<>();
        List<WorldState.PrivateWrite> values = new ArrayList<>();
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
                Optional<KVRWSet> privateWrites = matching(held, ns.namespace(), collection);
                if (privateWrites.isEmpty()) {
                    LOG.warning(() -> "transaction " + tx.txId() + ": the private data of " + ns.namespace() + "/" + collection.collection()
                            + " is missing or does not match its hash; this peer will not have it");
                    continue;
                }
                for (KVWrite write : privateWrites.get().getWritesList()) {
                    values.add(new WorldState.PrivateWrite(ns.namespace(), collection.collection(), write.getKey(),
                            write.getIsDelete() ? Optional.empty() : Optional.of(write.getValue()), blockToLive));
                }
            }
        }
        return new Changes(hashed, values);
    }

    /** The held private write set of the collection whose SHA-256 is the block's pvt_rwset_hash. */
    private static Optional<KVRWSet> matching(List<TxPvtReadWriteSet> held, String namespace, NamespaceRwSet.CollectionRwSet collection) {
        for (TxPvtReadWriteSet rwset : held) {
            for (NsPvtReadWriteSet ns : rwset.getNsPvtRwsetList()) {
                if (!ns.getNamespace().equals(namespace)) {
                    continue;
                }
                for (CollectionPvtReadWriteSet candidate : ns.getCollectionPvtRwsetList()) {
                    if (candidate.getCollectionName().equals(collection.collection())
                            && Sha256.digest(candidate.getRwset()).equals(collection.privateRwSetHash())) {
                        try {
                            return Optional.of(KVRWSet.parseFrom(candidate.getRwset()));
                        } catch (InvalidProtocolBufferException e) {
                            return Optional.empty();
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
