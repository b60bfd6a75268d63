package io.baas.fabric.sandbox.peer.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The channel's state database: per namespace, keys in Fabric's order with their value and version,
 * plus every key's history. Simulations hold the read lock while they run and commits take the
 * write lock, as Fabric's state lock does, so a simulation never sees half a block.
 */
public final class WorldState {

    /** One write of a valid transaction: a delete when {@code value} is empty. */
    public record Write(String namespace, String key, Optional<com.google.protobuf.ByteString> value) {
    }

    /** One hashed write of a valid transaction into a collection: a delete or purge when {@code valueHash} is empty. */
    public record HashedWrite(String namespace, String collection, com.google.protobuf.ByteString keyHash,
                              Optional<com.google.protobuf.ByteString> valueHash, long blockToLive) {
    }

    /** One private write this peer holds the data of: a delete or purge when {@code value} is empty. */
    public record PrivateWrite(String namespace, String collection, String key, Optional<com.google.protobuf.ByteString> value,
                               long blockToLive) {
    }

    private final Map<String, NavigableMap<String, VersionedValue>> namespaces = new HashMap<>();
    private final Map<String, Map<String, List<HistoryEntry>>> history = new HashMap<>();
    private final PrivateState privateState = new PrivateState();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public ReadWriteLock lock() {
        return lock;
    }

    /**
     * A read: at once when no commit holds the write lock, even if one waits for it. A simulation holds the
     * read lock on its endorsing thread while its chaincode's GetState arrives on another thread; queueing
     * that read behind a waiting commit, which waits for the simulation, would deadlock them.
     */
    private void readLock() {
        if (!lock.readLock().tryLock()) {
            lock.readLock().lock();
        }
    }

    public Optional<VersionedValue> get(String namespace, String key) {
        readLock();
        try {
            NavigableMap<String, VersionedValue> keys = namespaces.get(namespace);
            return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Keys from start (inclusive) to end (exclusive; empty means no end), in key order. */
    public List<Map.Entry<String, VersionedValue>> range(String namespace, String start, String end) {
        readLock();
        try {
            NavigableMap<String, VersionedValue> keys = namespaces.get(namespace);
            if (keys == null) {
                return List.of();
            }
            NavigableMap<String, VersionedValue> view = end.isEmpty()
                    ? keys.tailMap(start, true)
                    : KeyOrder.compare(start, end) >= 0 ? Collections.emptyNavigableMap() : keys.subMap(start, true, end, false);
            return view.entrySet().stream().map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Newest change first, as Fabric 2.x returns a key's history. */
    public List<HistoryEntry> history(String namespace, String key) {
        readLock();
        try {
            List<HistoryEntry> entries = new ArrayList<>(history.getOrDefault(namespace, Map.of()).getOrDefault(key, List.of()));
            Collections.reverse(entries);
            return entries;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies the writes of one valid transaction at its height. */
    public void apply(List<Write> writes, long blockNumber, long txNumber, String txId, java.time.Instant timestamp) {
        lock.writeLock().lock();
        try {
            for (Write write : writes) {
                NavigableMap<String, VersionedValue> keys =
                        namespaces.computeIfAbsent(write.namespace(), ns -> new TreeMap<>(KeyOrder.CODE_POINTS));
                if (write.value().isPresent()) {
                    keys.put(write.key(), new VersionedValue(write.value().get(), blockNumber, txNumber));
                } else {
                    keys.remove(write.key());
                }
                history.computeIfAbsent(write.namespace(), ns -> new HashMap<>())
                        .computeIfAbsent(write.key(), k -> new ArrayList<>())
                        .add(new HistoryEntry(txId, blockNumber, txNumber,
                                write.value().orElse(com.google.protobuf.ByteString.EMPTY), write.value().isEmpty(), timestamp));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The private value of a key in a collection, when this peer holds it. */
    public Optional<VersionedValue> privateValue(String namespace, String collection, String key) {
        readLock();
        try {
            return privateState.value(namespace, collection, key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The committed hash of a private key's value, as every peer of the channel has it. */
    public Optional<PrivateHash> privateHash(String namespace, String collection, com.google.protobuf.ByteString keyHash) {
        readLock();
        try {
            return privateState.hash(namespace, collection, keyHash);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The private keys this peer holds from start (inclusive) to end (exclusive; empty means no end), in key order. */
    public List<Map.Entry<String, VersionedValue>> privateRange(String namespace, String collection, String start, String end) {
        readLock();
        try {
            return privateState.range(namespace, collection, start, end);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies the hashed and private writes of one valid transaction at its height. */
    public void applyPrivate(List<HashedWrite> hashed, List<PrivateWrite> values, long blockNumber, long txNumber) {
        lock.writeLock().lock();
        try {
            hashed.forEach(write -> privateState.applyHash(write.namespace(), write.collection(), write.keyHash(), write.valueHash(),
                    blockNumber, txNumber, write.blockToLive()));
            values.forEach(write -> privateState.applyValue(write.namespace(), write.collection(), write.key(), write.value(),
                    blockNumber, txNumber, write.blockToLive()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Purges the private values and hashes whose blockToLive ends with this block. */
    public void purgeExpiredAt(long blockNumber) {
        lock.writeLock().lock();
        try {
            privateState.purgeExpiredAt(blockNumber);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
