package io.baas.fabric.sandbox.peer.commit;

import com.google.protobuf.ByteString;
import io.baas.fabric.sandbox.peer.ledger.KeyOrder;
import io.baas.fabric.sandbox.peer.ledger.PrivateHash;
import io.baas.fabric.sandbox.peer.ledger.VersionedValue;
import io.baas.fabric.sandbox.peer.ledger.WorldState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The state-based validator of Fabric's ledger for one block: every key a transaction read must
 * still have the version it read (MVCC_READ_CONFLICT), and every range it queried must still give
 * the same keys and versions (PHANTOM_READ_CONFLICT), every private key hash read must still have
 * its version (MVCC_READ_CONFLICT), counting the writes of earlier valid transactions of the same block.
 */
final class Mvcc {

    private record Current(String key, Optional<Version> version) {
    }

    private record CollectionKey(String namespace, String collection, ByteString keyHash) {
    }

    private final WorldState state;
    // Writes of the block's valid transactions so far; an empty value is a delete.
    private final Map<String, NavigableMap<String, Optional<VersionedValue>>> pending = new HashMap<>();
    private final Map<CollectionKey, Optional<Version>> pendingHashes = new HashMap<>();

    Mvcc(WorldState state) {
        this.state = state;
    }

    TxValidationCode check(List<NamespaceRwSet> rwsets) {
        for (NamespaceRwSet ns : rwsets) {
            for (KVRead read : ns.rwset().getReadsList()) {
                Optional<Version> readVersion = read.hasVersion() ? Optional.of(read.getVersion()) : Optional.empty();
                if (!currentVersion(ns.namespace(), read.getKey()).equals(readVersion)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (RangeQueryInfo range : ns.rwset().getRangeQueriesInfoList()) {
                if (!rangeUnchanged(ns.namespace(), range)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
            for (NamespaceRwSet.CollectionRwSet collection : ns.collections()) {
                for (KVReadHash read : collection.hashed().getHashedReadsList()) {
                    Optional<Version> readVersion = read.hasVersion() ? Optional.of(read.getVersion()) : Optional.empty();
                    if (!currentHashVersion(new CollectionKey(ns.namespace(), collection.collection(), read.getKeyHash())).equals(readVersion)) {
                        return TxValidationCode.MVCC_READ_CONFLICT;
                    }
                }
            }
        }
        return TxValidationCode.VALID;
    }

    void add(List<NamespaceRwSet> rwsets, long blockNumber, long txNumber) {
        for (NamespaceRwSet ns : rwsets) {
            NavigableMap<String, Optional<VersionedValue>> keys = pending.computeIfAbsent(ns.namespace(),
                    n -> new TreeMap<>(KeyOrder.CODE_POINTS));
            for (KVWrite write : ns.rwset().getWritesList()) {
                keys.put(write.getKey(), write.getIsDelete()
                        ? Optional.empty() : Optional.of(new VersionedValue(write.getValue(), blockNumber, txNumber)));
            }
            for (NamespaceRwSet.CollectionRwSet collection : ns.collections()) {
                for (KVWriteHash write : collection.hashed().getHashedWritesList()) {
                    pendingHashes.put(new CollectionKey(ns.namespace(), collection.collection(), write.getKeyHash()), write.getIsDelete()
                            ? Optional.empty() : Optional.of(Version.newBuilder().setBlockNum(blockNumber).setTxNum(txNumber).build()));
                }
            }
        }
    }

    private Optional<Version> currentHashVersion(CollectionKey key) {
        Optional<Version> pendingVersion = pendingHashes.get(key);
        if (pendingVersion != null) {
            return pendingVersion;
        }
        return state.privateHash(key.namespace(), key.collection(), key.keyHash()).map(PrivateHash::version);
    }

    private Optional<Version> currentVersion(String namespace, String key) {
        NavigableMap<String, Optional<VersionedValue>> keys = pending.get(namespace);
        if (keys != null && keys.containsKey(key)) {
            return keys.get(key).map(VersionedValue::version);
        }
        return state.get(namespace, key).map(VersionedValue::version);
    }

    private boolean rangeUnchanged(String namespace, RangeQueryInfo range) {
        Iterator<Current> current = currentRange(namespace, range.getStartKey(), range.getEndKey()).iterator();
        for (KVRead read : range.getRawReads().getKvReadsList()) {
            if (!current.hasNext()) {
                return false;
            }
            Current next = current.next();
            Optional<Version> readVersion = read.hasVersion() ? Optional.of(read.getVersion()) : Optional.empty();
            if (!next.key().equals(read.getKey()) || !next.version().equals(readVersion)) {
                return false;
            }
        }
        return !range.getItrExhausted() || !current.hasNext();
    }

    private List<Current> currentRange(String namespace, String start, String end) {
        NavigableMap<String, Optional<Version>> merged = new TreeMap<>(KeyOrder.CODE_POINTS);
        state.range(namespace, start, end).forEach(entry -> merged.put(entry.getKey(), Optional.of(entry.getValue().version())));
        NavigableMap<String, Optional<VersionedValue>> keys = pending.get(namespace);
        if (keys != null) {
            NavigableMap<String, Optional<VersionedValue>> inRange = end.isEmpty() ? keys.tailMap(start, true)
                    : KeyOrder.compare(start, end) >= 0 ? new TreeMap<>() : keys.subMap(start, true, end, false);
            inRange.forEach((key, value) -> {
                if (value.isPresent()) {
                    merged.put(key, Optional.of(value.get().version()));
                } else {
                    merged.remove(key);
                }
            });
        }
        List<Current> result = new ArrayList<>();
        merged.forEach((key, version) -> result.add(new Current(key, version)));
        return result;
    }
}
