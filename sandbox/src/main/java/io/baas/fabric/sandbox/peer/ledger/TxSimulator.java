package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;

/**
 * A transaction simulation over the committed state, recording what Fabric's simulator records:
 * the version of every key read, every range query with the keys it returned (for the phantom
 * check), and the writes. Like Fabric, reads see the committed state only, not the transaction's
 * own writes. It holds the state's read lock from creation to {@link #done()}, so a block is never
 * committed half-way through a simulation; both must happen on the same thread.
 */
public final class TxSimulator implements AutoCloseable {

    /** A key and committed value a query returned. */
    public record Entry(String key, ByteString value) {
    }

    private final WorldState state;
    private final Map<String, NavigableMap<String, Optional<Version>>> reads =
            new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Map<String, NavigableMap<String, KVWrite>> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Map<String, List<RangeQueryInfo>> ranges = new LinkedHashMap<>();
    // Namespace, then collection, then key, all in Fabric's order.
    private final Map<String, Map<String, NavigableMap<String, KVReadHash>>> hashedReads = new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Map<String, Map<String, NavigableMap<String, KVWrite>>> privateWrites = new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Set<String> purges = new HashSet<>();
    private final Map<String, Set<String>> privateReads = new HashMap<>();
    private boolean done;

    public TxSimulator(WorldState state) {
        this.state = state;
        state.lock().readLock().lock();
    }

    public Optional<ByteString> get(String namespace, String key) {
        Optional<VersionedValue> value = state.get(namespace, key);
        reads.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.CODE_POINTS))
                .putIfAbsent(key, value.map(VersionedValue::version));
        return value.map(VersionedValue::value);
    }

    /** The committed version of a key, without recording a read (for the lifecycle's own bookkeeping). */
    public Optional<VersionedValue> peek(String namespace, String key) {
        return state.get(namespace, key);
    }

    public void put(String namespace, String key, ByteString value) {
        writes.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.CODE_POINTS))
                .put(key, KVWrite.newBuilder().setKey(key).setValue(value).build());
    }

    public void delete(String namespace, String key) {
        writes.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.CODE_POINTS))
                .put(key, KVWrite.newBuilder().setKey(key).setIsDelete(true).build());
    }

    /**
     * Keys from start (inclusive) to end (exclusive, empty for no end), at most {@code limit} of
     * them (0 for all). The query is recorded with the keys returned and whether it reached the end.
     */
    public List<Entry> range(String namespace, String start, String end, int limit) {
        List<Map.Entry<String, VersionedValue>> all = state.range(namespace, start, end);
        List<Map.Entry<String, VersionedValue>> returned = limit > 0 && all.size() > limit ? all.subList(0, limit) : all;
        QueryReads.Builder rawReads = QueryReads.newBuilder();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, VersionedValue> entry : returned) {
            rawReads.addKvReads(KVRead.newBuilder().setKey(entry.getKey()).setVersion(entry.getValue().version()));
            entries.add(new Entry(entry.getKey(), entry.getValue().value()));
        }
        ranges.computeIfAbsent(namespace, ns -> new ArrayList<>()).add(RangeQueryInfo.newBuilder()
                .setStartKey(start)
                .setEndKey(end)
                .setItrExhausted(returned.size() == all.size())
                .setRawReads(rawReads)
                .build());
        return entries;
    }

    /** One page of a paginated range query: the entries and the bookmark (the next key, empty when the range is exhausted). */
    public record Page(List<Entry> entries, String bookmark) {
    }

    /**
     * A range query of at most {@code pageSize} keys from {@code start} (or from the bookmark when
     * there is one), as Fabric's paginated iterator: the bookmark is the key the next page starts at.
     */
    public Page rangePage(String namespace, String start, String end, int pageSize, String bookmark) {
        String from = bookmark.isEmpty() ? start : bookmark;
        List<Map.Entry<String, VersionedValue>> all = state.range(namespace, from, end);
        List<Entry> entries = range(namespace, from, end, pageSize);
        return new Page(entries, all.size() > entries.size() ? all.get(entries.size()).getKey() : "");
    }

    public List<HistoryEntry> history(String namespace, String key) {
        return state.history(namespace, key);
    }

    /**
     * A private value, when this peer holds the version the channel's hashes say is current: Fabric
     * refuses the read otherwise (a peer outside the collection, or one the data has not reached).
     * The read is recorded as a hashed read with the version.
     */
    public Optional<ByteString> getPrivate(String namespace, String collection, String key) {
        Optional<Version> valueVersion = state.privateValue(namespace, collection, key).map(VersionedValue::version);
        Optional<Version> hashVersion = state.privateHash(namespace, collection, PrivateHash.keyHash(key)).map(PrivateHash::version);
        if (!valueVersion.equals(hashVersion)) {
            throw new IllegalStateException("private data matching public hash version is not available. Public hash version = "
                    + text(hashVersion) + ", Private data version = " + text(valueVersion));
        }
        Optional<VersionedValue> value = state.privateValue(namespace, collection, key);
        recordHashedRead(namespace, collection, key, value.map(VersionedValue::version));
        privateReads.computeIfAbsent(namespace, ns -> new HashSet<>()).add(collection);
        return value.map(VersionedValue::value);
    }

    /** The hash of a private value, which every peer of the channel has; recorded as a hashed read. */
    public Optional<ByteString> getPrivateHash(String namespace, String collection, String key) {
        Optional<PrivateHash> hash = state.privateHash(namespace, collection, PrivateHash.keyHash(key));
        recordHashedRead(namespace, collection, key, hash.map(PrivateHash::version));
        return hash.map(PrivateHash::valueHash);
    }

    public void putPrivate(String namespace, String collection, String key, ByteString value) {
        privateWrite(namespace, collection).put(key, KVWrite.newBuilder().setKey(key).setValue(value).build());
        purges.remove(purgeKey(namespace, collection, key));
    }

    public void deletePrivate(String namespace, String collection, String key) {
        privateWrite(namespace, collection).put(key, KVWrite.newBuilder().setKey(key).setIsDelete(true).build());
        purges.remove(purgeKey(namespace, collection, key));
    }

    /** Fabric 2.5's PurgePrivateData: a delete whose hashed write says purge, so every version goes from the peers' private stores. */
    public void purgePrivate(String namespace, String collection, String key) {
        deletePrivate(namespace, collection, key);
        purges.add(purgeKey(namespace, collection, key));
    }

    /** Private keys this peer holds in the range; Fabric records no read for a private range query. */
    public List<Entry> privateRange(String namespace, String collection, String start, String end) {
        return state.privateRange(namespace, collection, start, end).stream()
                .map(entry -> new Entry(entry.getKey(), entry.getValue().value())).toList();
    }

    /** Whether the transaction read values of the collection (not only hashes): the gateway then needs endorsers that are members. */
    public boolean readPrivately(String namespace, String collection) {
        return privateReads.getOrDefault(namespace, Set.of()).contains(collection);
    }

    /**
     * The private write sets, namespaces and collections in Fabric's order, or empty when the
     * transaction wrote no private data: what the endorser keeps in the transient store and
     * disseminates, never in a block.
     */
    public Optional<TxPvtReadWriteSet> privateResults() {
        if (privateWrites.isEmpty()) {
            return Optional.empty();
        }
        TxPvtReadWriteSet.Builder result = TxPvtReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        privateWrites.forEach((namespace, collections) -> {
            NsPvtReadWriteSet.Builder ns = NsPvtReadWriteSet.newBuilder().setNamespace(namespace);
            collections.forEach((collection, writes) -> ns.addCollectionPvtRwset(CollectionPvtReadWriteSet.newBuilder()
                    .setCollectionName(collection).setRwset(privateRwSet(writes).toByteString())));
            result.addNsPvtRwset(ns);
        });
        return Optional.of(result.build());
    }

    /** The public read-write set, namespaces and keys in Fabric's order. */
    public TxReadWriteSet results() {
        TreeSet<String> namespaces = new TreeSet<>(KeyOrder.CODE_POINTS);
        namespaces.addAll(reads.keySet());
        namespaces.addAll(writes.keySet());
        namespaces.addAll(ranges.keySet());
        namespaces.addAll(hashedReads.keySet());
        namespaces.addAll(privateWrites.keySet());
        TxReadWriteSet.Builder result = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        for (String namespace : namespaces) {
            KVRWSet.Builder rwset = KVRWSet.newBuilder();
            reads.getOrDefault(namespace, new TreeMap<>()).forEach((key, version) -> {
                KVRead.Builder read = KVRead.newBuilder().setKey(key);
                version.ifPresent(read::setVersion);
                rwset.addReads(read);
            });
            rwset.addAllRangeQueriesInfo(ranges.getOrDefault(namespace, List.of()));
            rwset.addAllWrites(writes.getOrDefault(namespace, new TreeMap<>()).values());
            result.addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(rwset.build().toByteString())
                    .addAllCollectionHashedRwset(collectionHashes(namespace)));
        }
        return result.build();
    }

    /** Per collection the hashed reads and writes, and the hash of the private write set (when there are private writes). */
    private List<CollectionHashedReadWriteSet> collectionHashes(String namespace) {
        TreeSet<String> collections = new TreeSet<>(KeyOrder.CODE_POINTS);
        collections.addAll(hashedReads.getOrDefault(namespace, Map.of()).keySet());
        collections.addAll(privateWrites.getOrDefault(namespace, Map.of()).keySet());
        List<CollectionHashedReadWriteSet> result = new ArrayList<>();
        for (String collection : collections) {
            HashedRWSet.Builder hashed = HashedRWSet.newBuilder()
                    .addAllHashedReads(hashedReads.getOrDefault(namespace, Map.of()).getOrDefault(collection, new TreeMap<>()).values());
            NavigableMap<String, KVWrite> writes = privateWrites.getOrDefault(namespace, Map.of()).get(collection);
            CollectionHashedReadWriteSet.Builder entry = CollectionHashedReadWriteSet.newBuilder().setCollectionName(collection);
            if (writes != null) {
                writes.values().forEach(write -> hashed.addHashedWrites(KVWriteHash.newBuilder()
                        .setKeyHash(PrivateHash.keyHash(write.getKey()))
                        .setIsDelete(write.getIsDelete())
                        .setValueHash(write.getIsDelete() ? ByteString.EMPTY : io.baas.fabric.Sha256.digest(write.getValue()))
                        .setIsPurge(purges.contains(purgeKey(namespace, collection, write.getKey())))));
                entry.setPvtRwsetHash(io.baas.fabric.Sha256.digest(privateRwSet(writes).toByteString()));
            }
            result.add(entry.setHashedRwset(hashed.build().toByteString()).build());
        }
        return result;
    }

    private static KVRWSet privateRwSet(NavigableMap<String, KVWrite> writes) {
        return KVRWSet.newBuilder().addAllWrites(writes.values()).build();
    }

    private void recordHashedRead(String namespace, String collection, String key, Optional<Version> version) {
        KVReadHash.Builder read = KVReadHash.newBuilder().setKeyHash(PrivateHash.keyHash(key));
        version.ifPresent(read::setVersion);
        hashedReads.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.CODE_POINTS))
                .computeIfAbsent(collection, c -> new TreeMap<>(KeyOrder.CODE_POINTS))
                .putIfAbsent(key, read.build());
    }

    private NavigableMap<String, KVWrite> privateWrite(String namespace, String collection) {
        return privateWrites.computeIfAbsent(namespace, ns -> new TreeMap<>(KeyOrder.CODE_POINTS))
                .computeIfAbsent(collection, c -> new TreeMap<>(KeyOrder.CODE_POINTS));
    }

    private static String purgeKey(String namespace, String collection, String key) {
        return namespace + '\0' + collection + '\0' + key;
    }

    /** Fabric's version.Height String(): {BlockNum: 5, TxNum: 0}, or <nil>. */
    private static String text(Optional<Version> version) {
        return version.map(v -> "{BlockNum: " + v.getBlockNum() + ", TxNum: " + v.getTxNum() + "}").orElse("<nil>");
    }

    public void done() {
        if (!done) {
            done = true;
            state.lock().readLock().unlock();
        }
    }

    @Override
    public void close() {
        done();
    }
}
