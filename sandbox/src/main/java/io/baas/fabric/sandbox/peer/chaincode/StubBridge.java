package io.baas.fabric.sandbox.peer.chaincode;

import com.google.protobuf.ByteString;
import io.baas.fabric.Sha256;
import io.baas.fabric.sandbox.peer.ledger.HistoryEntry;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaincode jar's own {@code org.hyperledger.fabric.shim.ChaincodeStub}, implemented as a
 * dynamic proxy over a {@link ChaincodeCall}. It answers what the shim and the peer's handler answer
 * together: arguments, transaction id, channel, creator, timestamp, transient data, binding, the
 * peer's MSP ID; get/put/delete of state (a missing key reads as an empty value); range queries
 * (an empty start key is the shim's {@code \u0001}, simple-key ranges never reach composite keys),
 * partial composite key queries, both with pagination; key history, newest first; one event.
 * private data (get, hash, put, delete, purge, range and partial composite key queries) with the
 * handler's checks ({@link ChaincodeCall}). Rich queries are LevelDB's error; key-level endorsement
 * and chaincode-to-chaincode calls are refused. Values crossing into the jar use the jar's own classes (its protobufs,
 * {@code CompositeKey}, query iterators), loaded by reflection from its class loader.
 */
final class StubBridge implements InvocationHandler {

    /** Fabric's maximum Unicode rune, the end of a partial composite key range. */
    private static final String MAX_RUNE = new String(Character.toChars(0x10FFFF));
    private static final String UNSPECIFIED_START_KEY = "\u0001";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(StubBridge.class.getName());
    /** The chaincode message each private data stub call becomes, for the peer's log. */
    private static final Map<String, String> MESSAGE_TYPES = Map.of("getPrivateData", "GET_STATE", "getPrivateDataHash",
            "GET_PRIVATE_DATA_HASH", "putPrivateData", "PUT_STATE", "delPrivateData", "DEL_STATE", "purgePrivateData",
            "PURGE_PRIVATE_DATA", "getPrivateDataByRange", "GET_STATE_BY_RANGE", "getPrivateDataByPartialCompositeKey",
            "GET_STATE_BY_RANGE", "getPrivateDataQueryResult", "GET_QUERY_RESULT", "getPrivateDataValidationParameter",
            "GET_STATE_METADATA");

    private final ClassLoader loader;
    private final ChaincodeCall call;

    private StubBridge(ClassLoader loader, ChaincodeCall call) {
        this.loader = loader;
        this.call = call;
    }

    static Object create(ClassLoader loader, Class<?> stubInterface, ChaincodeCall call) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {stubInterface}, new StubBridge(loader, call));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "sandbox stub of " + call.namespace() + " for " + call.proposal().txId();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        try {
            return stubCall(method, args);
        } catch (HandlerException e) {
            throw refused(method.getName(), e);
        }
    }

    /**
     * What the Java shim does with the handler's ERROR answer: it logs nothing the client sees and
     * throws its ContractRuntimeException "[txid]Unsuccessful response received.", which the
     * contract router returns as the chaincode's error. Fabric's reason goes to the peer's log.
     */
    private RuntimeException refused(String stubMethod, HandlerException refusal) {
        String txId = call.proposal().txId();
        LOG.warning(() -> HandlerException.payload(MESSAGE_TYPES.getOrDefault(stubMethod, stubMethod), txId, refusal.getMessage()));
        try {
            return (RuntimeException) loader.loadClass("org.hyperledger.fabric.contract.ContractRuntimeException")
                    .getConstructor(String.class).newInstance(String.format("[%-8.8s]Unsuccessful response received.", txId));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new IllegalStateException(String.format("[%-8.8s]Unsuccessful response received.", txId), refusal);
        }
    }

    private Object stubCall(Method method, Object[] args) throws Throwable {
        TxSimulator simulator = call.simulator();
        String ns = call.namespace();
        return switch (method.getName()) {
            case "getArgs" -> call.proposal().args().stream().map(ByteString::toByteArray).toList();
            case "getStringArgs" -> stringArgs();
            case "getFunction" -> stringArgs().isEmpty() ? null : stringArgs().get(0);
            case "getParameters" -> stringArgs().isEmpty() ? List.of() : stringArgs().subList(1, stringArgs().size());
            case "getTxId" -> call.proposal().txId();
            case "getChannelId" -> call.proposal().channelId();
            case "getState" -> simulator.get(ns, key(args[0])).map(ByteString::toByteArray).orElse(new byte[0]);
            case "putState" -> {
                call.beforeWrite();
                if (args[1] == null) {
                    throw new IllegalArgumentException("value cannot be null");
                }
                simulator.put(ns, key(args[0]), ByteString.copyFrom((byte[]) args[1]));
                yield null;
            }
            case "delState" -> {
                call.beforeWrite();
                simulator.delete(ns, key(args[0]));
                yield null;
            }
            case "getStateValidationParameter" -> {
                key(args[0]);
                yield null;
            }
            case "setStateValidationParameter" ->
                    throw Unsupported.of(Unsupported.KEY_LEVEL_POLICY);
            case "getStateByRange" -> {
                String[] range = simpleRange(args[0], args[1]);
                yield iterator(keyValues(simulator.range(ns, range[0], range[1], 0)), null);
            }
            case "getStateByRangeWithPagination" -> {
                String[] range = simpleRange(args[0], args[1]);
                yield page(range[0], range[1], (Integer) args[2], (String) args[3]);
            }
            case "getStateByPartialCompositeKey" -> {
                String prefix = partialKey(args);
                yield iterator(keyValues(simulator.range(ns, prefix, prefix + MAX_RUNE, 0)), null);
            }
            case "getStateByPartialCompositeKeyWithPagination" -> {
                String prefix = args[0].toString();
                yield page(prefix, prefix + MAX_RUNE, (Integer) args[1], (String) args[2]);
            }
            case "createCompositeKey" -> compositeKeyClass().getConstructor(String.class, String[].class)
                    .newInstance(args[0], args[1] == null ? new String[0] : args[1]);
            case "splitCompositeKey" -> compositeKeyClass().getMethod("parseCompositeKey", String.class).invoke(null, args[0]);
            case "getQueryResult", "getQueryResultWithPagination" ->
                    throw Unsupported.of(Unsupported.RICH_QUERY);
            case "getHistoryForKey" -> iterator(history(simulator.history(ns, key(args[0]))), null);
            case "getPrivateData" -> call.getPrivateData(collection(args[0]), key(args[1])).map(ByteString::toByteArray).orElse(new byte[0]);
            case "getPrivateDataHash" -> call.getPrivateDataHash(collection(args[0]), key(args[1])).toByteArray();
            case "putPrivateData" -> {
                String collection = collection(args[0]);
                String key = key(args[1]);
                if (args[2] == null) {
                    throw new IllegalArgumentException("value cannot be null");
                }
                call.putPrivateData(collection, key, ByteString.copyFrom((byte[]) args[2]));
                yield null;
            }
            case "delPrivateData" -> {
                call.delPrivateData(collection(args[0]), key(args[1]));
                yield null;
            }
            case "purgePrivateData" -> {
                call.purgePrivateData(collection(args[0]), key(args[1]));
                yield null;
            }
            case "getPrivateDataByRange" -> {
                String collection = collection(args[0]);
                String[] range = simpleRange(args[1], args[2]);
                yield iterator(keyValues(call.privateRange(collection, range[0], range[1])), null);
            }
            case "getPrivateDataByPartialCompositeKey" -> {
                String collection = collection(args[0]);
                String prefix = partialKey(java.util.Arrays.copyOfRange(args, 1, args.length));
                yield iterator(keyValues(call.privateRange(collection, prefix, prefix + MAX_RUNE)), null);
            }
            case "getPrivateDataValidationParameter" -> {
                call.readPrivateMetadata(collection(args[0]), key(args[1]));
                yield null;
            }
            case "setPrivateDataValidationParameter" -> throw Unsupported.of(Unsupported.KEY_LEVEL_POLICY);
            case "getPrivateDataQueryResult" -> {
                call.privateRichQuery(collection(args[0]));
                throw Unsupported.of(Unsupported.RICH_QUERY);
            }
            case "invokeChaincode" ->
                    throw Unsupported.of(Unsupported.CHAINCODE_TO_CHAINCODE);
            case "setEvent" -> {
                String name = (String) args[0];
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException("event name can not be nil string");
                }
                call.setEvent(name, args[1] == null ? ByteString.EMPTY : ByteString.copyFrom((byte[]) args[1]));
                yield null;
            }
            case "getEvent" -> call.event().map(event -> proto("org.hyperledger.fabric.protos.peer.ChaincodeEvent", event.toByteString()))
                    .orElse(null);
            case "getSignedProposal" -> proto("org.hyperledger.fabric.protos.peer.SignedProposal", call.proposal().signed().toByteString());
            case "getTxTimestamp" -> call.proposal().timestamp();
            case "getCreator" -> call.proposal().signatureHeader().getCreator().toByteArray();
            case "getTransient" -> {
                Map<String, byte[]> transientMap = new LinkedHashMap<>();
                call.proposal().payload().getTransientMapMap().forEach((k, v) -> transientMap.put(k, v.toByteArray()));
                yield transientMap;
            }
            case "getBinding" -> binding();
            case "getMspId" -> call.localMspId();
            default -> throw new UnsupportedOperationException(method.getName() + " is not supported by the sandbox peer");
        };
    }

    private List<String> stringArgs() {
        return call.proposal().args().stream().map(ByteString::toStringUtf8).toList();
    }

    private static String collection(Object collection) {
        if (collection == null) {
            throw new NullPointerException("collection cannot be null");
        }
        if (((String) collection).isEmpty()) {
            throw new IllegalArgumentException("collection must not be an empty string");
        }
        return (String) collection;
    }

    private static String key(Object key) {
        if (key == null || ((String) key).isEmpty()) {
            throw new IllegalArgumentException("key must not be an empty string");
        }
        return (String) key;
    }

    /** The shim's getStateByRange: open start and end, and no composite keys (which start with U+0000). */
    private static String[] simpleRange(Object start, Object end) {
        String from = start == null || ((String) start).isEmpty() ? UNSPECIFIED_START_KEY : (String) start;
        String to = end == null ? "" : (String) end;
        for (String key : new String[] {from, to}) {
            if (!key.isEmpty() && key.charAt(0) == '\u0000') {
                throw new IllegalArgumentException("first character of the key [" + key + "] contains a null character which is not allowed");
            }
        }
        return new String[] {from, to};
    }

    private String partialKey(Object[] args) throws ReflectiveOperationException {
        if (args.length == 1) {
            return args[0] instanceof String text ? text : args[0].toString();
        }
        return compositeKeyClass().getConstructor(String.class, String[].class)
                .newInstance(args[0], args[1] == null ? new String[0] : args[1]).toString();
    }

    private Object page(String start, String end, int pageSize, String bookmark) throws ReflectiveOperationException {
        call.beforePaginatedQuery();
        TxSimulator.Page page = call.simulator().rangePage(call.namespace(), start, end, pageSize,
                bookmark == null ? "" : bookmark);
        Class<?> metadataClass = loader.loadClass("org.hyperledger.fabric.protos.peer.QueryResponseMetadata");
        Object builder = metadataClass.getMethod("newBuilder").invoke(null);
        builder.getClass().getMethod("setFetchedRecordsCount", int.class).invoke(builder, page.entries().size());
        builder.getClass().getMethod("setBookmark", String.class).invoke(builder, page.bookmark());
        return iterator(keyValues(page.entries()), builder.getClass().getMethod("build").invoke(builder));
    }

    private List<Object> keyValues(List<TxSimulator.Entry> entries) throws ClassNotFoundException {
        Class<?> keyValue = loader.loadClass("org.hyperledger.fabric.shim.ledger.KeyValue");
        List<Object> values = new ArrayList<>();
        for (TxSimulator.Entry entry : entries) {
            values.add(Proxy.newProxyInstance(loader, new Class<?>[] {keyValue}, (proxy, method, args) -> switch (method.getName()) {
                case "getKey" -> entry.key();
                case "getValue" -> entry.value().toByteArray();
                case "getStringValue" -> entry.value().toStringUtf8();
                case "toString" -> entry.key();
                case "hashCode" -> entry.hashCode();
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            }));
        }
        return values;
    }

    private List<Object> history(List<HistoryEntry> entries) throws ClassNotFoundException {
        Class<?> modification = loader.loadClass("org.hyperledger.fabric.shim.ledger.KeyModification");
        List<Object> values = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            values.add(Proxy.newProxyInstance(loader, new Class<?>[] {modification}, (proxy, method, args) -> switch (method.getName()) {
                case "getTxId" -> entry.txId();
                case "getValue" -> entry.value().toByteArray();
                case "getStringValue" -> entry.value().toStringUtf8();
                case "getTimestamp" -> entry.timestamp();
                case "isDeleted" -> entry.delete();
                case "toString" -> entry.txId();
                case "hashCode" -> entry.hashCode();
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            }));
        }
        return values;
    }

    /** A QueryResultsIterator (or, with metadata, a QueryResultsIteratorWithMetadata) over the values. */
    private Object iterator(List<Object> values, Object metadata) throws ClassNotFoundException {
        Class<?> type = loader.loadClass(metadata == null
                ? "org.hyperledger.fabric.shim.ledger.QueryResultsIterator"
                : "org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata");
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "iterator" -> values.iterator();
                case "close" -> null;
                case "getMetadata" -> metadata;
                case "toString" -> "sandbox query results (" + values.size() + ")";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        });
    }

    private Class<?> compositeKeyClass() throws ClassNotFoundException {
        return loader.loadClass("org.hyperledger.fabric.shim.ledger.CompositeKey");
    }

    private Object proto(String className, ByteString bytes) {
        try {
            return loader.loadClass(className).getMethod("parseFrom", byte[].class).invoke(null, (Object) bytes.toByteArray());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot hand " + className + " to the chaincode", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot hand " + className + " to the chaincode", e);
        }
    }

    /** Fabric's binding: SHA-256 of nonce, creator and the epoch as 8 little-endian bytes. */
    private byte[] binding() {
        byte[] epoch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(call.proposal().channelHeader().getEpoch()).array();
        return Sha256.digest(call.proposal().signatureHeader().getNonce()
                .concat(call.proposal().signatureHeader().getCreator())
                .concat(ByteString.copyFrom(epoch))).toByteArray();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
