package io.baas.fabric.sandbox.peer.chaincode.contracts.alpha;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** A test chaincode over every stub feature the sandbox bridges; packaged alone in its own jar. */
@Contract(name = "kv")
@Default
public final class AlphaContract implements ContractInterface {

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String who(Context ctx) {
        return "alpha";
    }

    @Transaction
    public void put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("put", key.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads then writes the key: two of these on one key in one block are an MVCC conflict. */
    @Transaction
    public void append(Context ctx, String key, String suffix) {
        ctx.getStub().putStringState(key, ctx.getStub().getStringState(key) + suffix);
    }

    /** The value comes as transient data ("value"), so it never appears in the proposal or the block. */
    @Transaction
    public void putPrivate(Context ctx, String collection, String key) {
        byte[] value = ctx.getStub().getTransient().get("value");
        if (value == null) {
            throw new ChaincodeException("the value must be given as transient data named 'value'");
        }
        ctx.getStub().putPrivateData(collection, key, value);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPrivate(Context ctx, String collection, String key) {
        return new String(ctx.getStub().getPrivateData(collection, key), StandardCharsets.UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String privateHash(Context ctx, String collection, String key) {
        return java.util.HexFormat.of().formatHex(ctx.getStub().getPrivateDataHash(collection, key));
    }

    @Transaction
    public void delPrivate(Context ctx, String collection, String key) {
        ctx.getStub().delPrivateData(collection, key);
    }

    @Transaction
    public void purgePrivate(Context ctx, String collection, String key) {
        ctx.getStub().purgePrivateData(collection, key);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String privateRange(Context ctx, String collection, String start, String end) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getPrivateDataByRange(collection, start, end)) {
            results.forEach(kv -> keys.add(kv.getKey() + "=" + kv.getStringValue()));
        }
        return String.join(",", keys);
    }

    /** A write then a private range query: Fabric allows private queries only in read-only transactions. */
    @Transaction
    public String putThenPrivateRange(Context ctx, String collection) throws Exception {
        ctx.getStub().putStringState("marker", "1");
        return privateRange(ctx, collection, "", "");
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String key) {
        return ctx.getStub().getStringState(key);
    }

    @Transaction
    public void del(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String range(Context ctx, String start, String end) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            results.forEach(kv -> keys.add(kv.getKey() + "=" + kv.getStringValue()));
        }
        return String.join(",", keys);
    }

    @Transaction
    public void putComposite(Context ctx, String type, String first, String second, String value) {
        ChaincodeStub stub = ctx.getStub();
        stub.putStringState(stub.createCompositeKey(type, first, second).toString(), value);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String partial(Context ctx, String type, String first) throws Exception {
        List<String> found = new ArrayList<>();
        ChaincodeStub stub = ctx.getStub();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(type, first)) {
            for (KeyValue kv : results) {
                CompositeKey key = stub.splitCompositeKey(kv.getKey());
                found.add(key.getObjectType() + key.getAttributes() + "=" + kv.getStringValue());
            }
        }
        return String.join(",", found);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String page(Context ctx, String start, String end, int pageSize, String bookmark) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIteratorWithMetadata<KeyValue> results = ctx.getStub().getStateByRangeWithPagination(start, end, pageSize, bookmark)) {
            results.forEach(kv -> keys.add(kv.getKey()));
            return String.join(",", keys) + "|" + results.getMetadata().getFetchedRecordsCount() + "|" + results.getMetadata().getBookmark();
        }
    }

    @Transaction
    public void pageThenWrite(Context ctx) throws Exception {
        ctx.getStub().getStateByRangeWithPagination("", "", 1, "").close();
        ctx.getStub().putStringState("late", "write");
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String key) throws Exception {
        List<String> changes = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = ctx.getStub().getHistoryForKey(key)) {
            results.forEach(m -> changes.add(m.getTxId() + ":" + (m.isDeleted() ? "deleted" : m.getStringValue())));
        }
        return String.join(",", changes);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String whoami(Context ctx) {
        ChaincodeStub stub = ctx.getStub();
        return ctx.getClientIdentity().getMSPID() + "|" + stub.getMspId() + "|" + stub.getTxTimestamp().toEpochMilli() + "|"
                + stub.getChannelId() + "|" + stub.getTxId() + "|" + stub.getSignedProposal().getProposalBytes().size();
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String secret(Context ctx) {
        byte[] secret = ctx.getStub().getTransient().get("secret");
        return secret == null ? "none" : new String(secret, StandardCharsets.UTF_8);
    }

    @Transaction
    public void fail(Context ctx) {
        throw new ChaincodeException("refused on purpose", "details");
    }

    /** A refusal the way the built-in chaincodes say theirs: the code leads the message. */
    @Transaction
    public void refuse(Context ctx, String code) {
        throw new ChaincodeException(code + ": refused on purpose", code);
    }
}
