package io.baas.fabric.sandbox.peer.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

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
    private final Map<String, NavigableMap<String, Optional<org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version>>> reads =
            new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Map<String, NavigableMap<String, KVWrite>> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Map<String, List<RangeQueryInfo>> ranges = new LinkedHashMap<>();
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

    /** The public read-write set, namespaces and keys in Fabric's order. */
    public TxReadWriteSet results() {
        TreeSet<String> namespaces = new TreeSet<>(KeyOrder.CODE_POINTS);
        namespaces.addAll(reads.keySet());
        namespaces.addAll(writes.keySet());
        namespaces.addAll(ranges.keySet());
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
            result.addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(rwset.build().toByteString()));
        }
        return result.build();
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
