package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A channel's private data as Fabric's state database keeps it: on every peer the hashed state of
 * every collection (key hash to value hash and version, from the blocks), and on peers of member
 * organizations the private values themselves (key to value and version, from the transient store
 * or dissemination). Entries written with a {@code blockToLive} are purged, value and hash, when
 * the block that ends their life commits. Callers hold the {@link WorldState}'s lock.
 */
final class PrivateState {

    private record Collection(String namespace, String collection) {
    }

    /** A private key to purge at a block, unless a later write gave it another version. */
    private record Expiry(Collection collection, ByteString keyHash, Optional<String> key, long blockNumber, long txNumber) {
    }

    private final Map<Collection, Map<ByteString, PrivateHash>> hashes = new HashMap<>();
    private final Map<Collection, NavigableMap<String, VersionedValue>> values = new HashMap<>();
    private final NavigableMap<Long, List<Expiry>> expiries = new TreeMap<>();

    Optional<PrivateHash> hash(String namespace, String collection, ByteString keyHash) {
        return Optional.ofNullable(hashes.getOrDefault(new Collection(namespace, collection), Map.of()).get(keyHash));
    }

    Optional<VersionedValue> value(String namespace, String collection, String key) {
        NavigableMap<String, VersionedValue> keys = values.get(new Collection(namespace, collection));
        return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
    }

    List<Map.Entry<String, VersionedValue>> range(String namespace, String collection, String start, String end) {
        NavigableMap<String, VersionedValue> keys = values.get(new Collection(namespace, collection));
        if (keys == null) {
            return List.of();
        }
        NavigableMap<String, VersionedValue> view = end.isEmpty()
                ? keys.tailMap(start, true)
                : KeyOrder.compare(start, end) >= 0 ? Collections.emptyNavigableMap() : keys.subMap(start, true, end, false);
        return List.copyOf(view.entrySet());
    }

    /** A hashed write of a valid transaction: a delete or purge when the value hash is empty. */
    void applyHash(String namespace, String collection, ByteString keyHash, Optional<ByteString> valueHash, long blockNumber,
                   long txNumber, long blockToLive) {
        Collection at = new Collection(namespace, collection);
        if (valueHash.isPresent()) {
            hashes.computeIfAbsent(at, c -> new HashMap<>()).put(keyHash, new PrivateHash(valueHash.get(), blockNumber, txNumber));
            expire(at, keyHash, Optional.empty(), blockNumber, txNumber, blockToLive);
        } else {
            Map<ByteString, PrivateHash> keys = hashes.get(at);
            if (keys != null) {
                keys.remove(keyHash);
            }
        }
    }

    /** A private write of a valid transaction whose private data this peer holds: a delete or purge when the value is empty. */
    void applyValue(String namespace, String collection, String key, Optional<ByteString> value, long blockNumber, long txNumber,
                    long blockToLive) {
        Collection at = new Collection(namespace, collection);
        if (value.isPresent()) {
            values.computeIfAbsent(at, c -> new TreeMap<>(KeyOrder.CODE_POINTS)).put(key, new VersionedValue(value.get(), blockNumber, txNumber));
            expire(at, PrivateHash.keyHash(key), Optional.of(key), blockNumber, txNumber, blockToLive);
        } else {
            NavigableMap<String, VersionedValue> keys = values.get(at);
            if (keys != null) {
                keys.remove(key);
            }
        }
    }

    /**
     * Fabric's purge manager: an entry written at block B with blockToLive N expires at block
     * B + N + 1; once that block commits, the value and its hash are gone, unless a later write
     * replaced them (its own expiry then counts).
     */
    void purgeExpiredAt(long blockNumber) {
        NavigableMap<Long, List<Expiry>> due = expiries.headMap(blockNumber, true);
        for (List<Expiry> entries : due.values()) {
            for (Expiry expiry : entries) {
                Map<ByteString, PrivateHash> keyHashes = hashes.get(expiry.collection());
                PrivateHash hashed = keyHashes == null ? null : keyHashes.get(expiry.keyHash());
                if (expiry.key().isEmpty() && hashed != null && hashed.blockNumber() == expiry.blockNumber()
                        && hashed.txNumber() == expiry.txNumber()) {
                    keyHashes.remove(expiry.keyHash());
                }
                NavigableMap<String, VersionedValue> keys = values.get(expiry.collection());
                VersionedValue value = keys == null || expiry.key().isEmpty() ? null : keys.get(expiry.key().get());
                if (value != null && value.blockNumber() == expiry.blockNumber() && value.txNumber() == expiry.txNumber()) {
                    keys.remove(expiry.key().get());
                }
            }
        }
        due.clear();
    }

    private void expire(Collection at, ByteString keyHash, Optional<String> key, long blockNumber, long txNumber, long blockToLive) {
        if (blockToLive > 0) {
            expiries.computeIfAbsent(blockNumber + blockToLive + 1, b -> new ArrayList<>())
                    .add(new Expiry(at, keyHash, key, blockNumber, txNumber));
        }
    }
}
