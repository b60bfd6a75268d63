package io.baas.chaincode.common;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction's view of an {@link InMemoryLedger}, with the peer's rules: reads see the
 * committed state only (never the transaction's own writes), an empty value is a delete, range
 * keys are compared as UTF-8 bytes, paged queries start at the bookmark and answer with the next
 * key as bookmark, and a transaction cannot both write and run a paged query.
 */
public final class InMemoryStub implements ChaincodeStub {

    /** The shim's bounds: an unspecified range start, and the end of a partial composite key's range. */
    private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x000001));
    private static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    private final InMemoryLedger ledger;
    private final Identity creator;
    private final String txId;
    private final Instant timestamp;
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private ChaincodeEvent event;
    private boolean pagedQueryPerformed;

    InMemoryStub(InMemoryLedger ledger, Identity creator, String txId, Instant timestamp) {
        this.ledger = ledger;
        this.creator = creator;
        this.txId = txId;
        this.timestamp = timestamp;
    }

    void commit() {
        ledger.apply(txId, timestamp, writes);
    }

    Map<String, byte[]> writes() {
        return Collections.unmodifiableMap(writes);
    }

    @Override
    public byte[] getState(String key) {
        byte[] value = ledger.state.get(key);
        return value == null ? new byte[0] : value.clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be an empty string");
        }
        if (pagedQueryPerformed) {
            throw new IllegalStateException("txid [" + txId + "]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed");
        }
        writes.put(key, value == null ? new byte[0] : value.clone());
    }

    @Override
    public void delState(String key) {
        putState(key, new byte[0]);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        CompositeKey.validateSimpleKeys(start, endKey == null ? "" : endKey);
        return iterator(range(start, endKey == null ? "" : endKey));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey, int pageSize,
                                                                                   String bookmark) {
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        CompositeKey.validateSimpleKeys(start, endKey == null ? "" : endKey);
        return page(start, endKey == null ? "" : endKey, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey) : new CompositeKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        String prefix = compositeKey.toString();
        return iterator(range(prefix, prefix + MAX_UNICODE_RUNE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(CompositeKey compositeKey,
                                                                                                 int pageSize, String bookmark) {
        String prefix = compositeKey.toString();
        return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    /** The peer's paging: start at the bookmark when there is one, and give the next key as the new bookmark. */
    private QueryResultsIteratorWithMetadata<KeyValue> page(String start, String end, int pageSize, String bookmark) {
        if (!writes.isEmpty()) {
            throw new IllegalStateException("txid [" + txId + "]: unsuppored transaction. Paginated queries are supported only in a read-only transaction");
        }
        pagedQueryPerformed = true;
        List<KeyValue> all = range(bookmark == null || bookmark.isEmpty() ? start : bookmark, end);
        List<KeyValue> page = pageSize <= 0 ? all : all.subList(0, Math.min(pageSize, all.size()));
        String next = page.size() < all.size() ? all.get(page.size()).getKey() : "";
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size()).setBookmark(next).build();
        Iterator<KeyValue> items = List.copyOf(page).iterator();
        return new QueryResultsIteratorWithMetadata<>() {
            @Override
            public QueryResponseMetadata getMetadata() {
                return metadata;
            }

            @Override
            public void close() {
            }

            @Override
            public Iterator<KeyValue> iterator() {
                return items;
            }
        };
    }

    private List<KeyValue> range(String start, String end) {
        SortedMap<String, byte[]> range = end.isEmpty() ? ledger.state.tailMap(start) : ledger.state.subMap(start, end);
        List<KeyValue> entries = new ArrayList<>();
        range.forEach((key, value) -> entries.add(new Entry(key, value.clone())));
        return entries;
    }

    private static <T> QueryResultsIterator<T> iterator(List<T> items) {
        return new QueryResultsIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public Iterator<T> iterator() {
                return List.copyOf(items).iterator();
            }
        };
    }

    private record Entry(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value;
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }
    }

    /** Newest first, as Fabric's history database answers. */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        List<KeyModification> modifications = new ArrayList<>();
        for (InMemoryLedger.Modification m : ledger.history.getOrDefault(key, List.of())) {
            modifications.add(0, new KeyModification() {
                @Override
                public String getTxId() {
                    return m.txId();
                }

                @Override
                public byte[] getValue() {
                    return m.value().clone();
                }

                @Override
                public String getStringValue() {
                    return new String(m.value(), UTF_8);
                }

                @Override
                public Instant getTimestamp() {
                    return m.timestamp();
                }

                @Override
                public boolean isDeleted() {
                    return m.value().length == 0;
                }
            });
        }
        return iterator(modifications);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        event = ChaincodeEvent.newBuilder().setEventName(name).setTxId(txId)
                .setPayload(payload == null ? ByteString.EMPTY : ByteString.copyFrom(payload)).build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator.serialized();
    }

    @Override
    public String getChannelId() {
        return "mychannel";
    }

    @Override
    public String getMspId() {
        return creator.mspId();
    }

    @Override
    public List<byte[]> getArgs() {
        return List.of();
    }

    @Override
    public List<String> getStringArgs() {
        return List.of();
    }

    @Override
    public String getFunction() {
        return null;
    }

    @Override
    public List<String> getParameters() {
        return List.of();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public byte[] getBinding() {
        return new byte[0];
    }

    @Override
    public SignedProposal getSignedProposal() {
        return SignedProposal.getDefaultInstance();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by the built-in chaincodes");
    }

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unused();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unused();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unused();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize, String bookmark) {
        throw unused();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unused();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unused();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unused();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey compositeKey) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
                                                                             String... attributes) {
        throw unused();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unused();
    }
}
