package io.baas.chaincode.notarization;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.baas.chaincode.common.Args;
import io.baas.chaincode.common.Caller;
import io.baas.chaincode.common.Failure;
import io.baas.chaincode.common.Json;
import io.baas.chaincode.common.Pages;
import io.baas.chaincode.common.TxTime;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * Notarization (存证): proof that a document with a given digest existed at a transaction's time
 * and who recorded it. The document itself never reaches the ledger, only its digest, a title
 * and free-form metadata. An evidence is written once and never overwritten.
 *
 * <p>Keys: {@code evidence(algorithm, digest)} holds the evidence; {@code evidence~owner(mspId,
 * clientId, time, algorithm, digest)} indexes it under its owner in time order.
 */
@Contract(name = "notarization", info = @Info(title = "Notarization", version = "1.0",
        description = "Records document digests as evidences: who, when, in which transaction",
        license = @License(name = "Apache-2.0"), contact = @Contact(name = "ks-baas")))
@Default
public final class NotarizationContract implements ContractInterface {

    public static final String EVENT_RECORDED = "EvidenceRecorded";
    public static final String EVIDENCE_EXISTS = "EVIDENCE_EXISTS";
    public static final String EVIDENCE_NOT_FOUND = "EVIDENCE_NOT_FOUND";
    static final String EVIDENCE = "evidence";
    static final String BY_OWNER = "evidence~owner";
    static final int MAX_TITLE = 256;
    static final int MAX_METADATA = 4096;
    static final int MAX_ID = 1024;
    /** Index entries carry no value; an empty value would be a delete. */
    private static final byte[] INDEX_VALUE = {0};

    /**
     * Records an evidence for the caller. Refused when the digest is already recorded, by
     * anyone: the first record stands.
     *
     * @return the evidence
     */
    @Transaction(name = "RecordEvidence", intent = Transaction.TYPE.SUBMIT)
    public String recordEvidence(Context ctx, String hashAlgorithm, String digest, String title, String metadata) {
        ChaincodeStub stub = ctx.getStub();
        HashAlgorithm algorithm = HashAlgorithm.of(hashAlgorithm);
        String hex = algorithm.digest(digest);
        String checkedTitle = Args.required("title", title, MAX_TITLE).strip();
        String checkedMetadata = Args.bounded("metadata", metadata, MAX_METADATA);
        CompositeKey key = evidenceKey(stub, algorithm.label, hex);
        byte[] existing = stub.getState(key.toString());
        if (existing != null && existing.length > 0) {
            Evidence first = Evidence.fromJson(new String(existing, UTF_8));
            throw Failure.of(EVIDENCE_EXISTS, "evidence " + first.name() + " already exists: recorded by "
                    + first.ownerMspId() + " (" + first.ownerId() + ") at " + first.timestamp()
                    + " in transaction " + first.txId());
        }
        Caller caller = Caller.of(ctx);
        String time = TxTime.of(stub);
        Evidence evidence = new Evidence(algorithm.label, hex, caller.mspId(), caller.clientId(), checkedTitle,
                checkedMetadata, time, stub.getTxId());
        String json = evidence.toJson();
        stub.putState(key.toString(), json.getBytes(UTF_8));
        stub.putState(stub.createCompositeKey(BY_OWNER, caller.mspId(), caller.clientId(), time, algorithm.label, hex).toString(),
                INDEX_VALUE);
        stub.setEvent(EVENT_RECORDED, json.getBytes(UTF_8));
        return json;
    }

    /** @return the evidence; refused when it was never recorded */
    @Transaction(name = "ReadEvidence", intent = Transaction.TYPE.EVALUATE)
    public String readEvidence(Context ctx, String hashAlgorithm, String digest) {
        HashAlgorithm algorithm = HashAlgorithm.of(hashAlgorithm);
        String hex = algorithm.digest(digest);
        return read(ctx.getStub(), algorithm.label, hex).toJson();
    }

    /**
     * Whether a digest is recorded and, if so, by whom, when and in which transaction. An unknown
     * digest is an answer ({@code "exists":false}), not an error.
     */
    @Transaction(name = "VerifyEvidence", intent = Transaction.TYPE.EVALUATE)
    public String verifyEvidence(Context ctx, String hashAlgorithm, String digest) {
        ChaincodeStub stub = ctx.getStub();
        HashAlgorithm algorithm = HashAlgorithm.of(hashAlgorithm);
        String hex = algorithm.digest(digest);
        byte[] stored = stub.getState(evidenceKey(stub, algorithm.label, hex).toString());
        Json answer = Json.object().put("hashAlgorithm", algorithm.label).put("digest", hex);
        if (stored == null || stored.length == 0) {
            return answer.put("exists", false).toString();
        }
        Evidence evidence = Evidence.fromJson(new String(stored, UTF_8));
        return answer.put("exists", true)
                .put("ownerMspId", evidence.ownerMspId())
                .put("ownerId", evidence.ownerId())
                .put("timestamp", evidence.timestamp())
                .put("txId", evidence.txId())
                .toString();
    }

    /**
     * One page of an owner's evidences, oldest first.
     *
     * @param ownerId the owner's client ID ({@code x509::<subject>::<issuer>})
     * @param pageSize 1 to 100
     * @param bookmark empty for the first page, else the previous page's bookmark
     * @return {@code {"items":[evidence...],"fetched":n,"bookmark":"..."}}; the bookmark is empty after the last page
     */
    @Transaction(name = "ListEvidencesByOwner", intent = Transaction.TYPE.EVALUATE)
    public String listEvidencesByOwner(Context ctx, String ownerMspId, String ownerId, String pageSize, String bookmark) {
        ChaincodeStub stub = ctx.getStub();
        CompositeKey prefix = stub.createCompositeKey(BY_OWNER, Args.required("owner MSP ID", ownerMspId, MAX_ID),
                Args.required("owner ID", ownerId, MAX_ID));
        return Pages.page(stub, prefix, pageSize, bookmark, entry -> {
            List<String> attributes = stub.splitCompositeKey(entry.getKey()).getAttributes();
            return read(stub, attributes.get(3), attributes.get(4)).toJson();
        });
    }

    /**
     * Every write of an evidence's key, newest first, as the peer's history database keeps them.
     *
     * @return {@code [{"txId","timestamp","isDelete","evidence"}...]}; refused when it was never recorded
     */
    @Transaction(name = "GetEvidenceHistory", intent = Transaction.TYPE.EVALUATE)
    public String getEvidenceHistory(Context ctx, String hashAlgorithm, String digest) {
        ChaincodeStub stub = ctx.getStub();
        HashAlgorithm algorithm = HashAlgorithm.of(hashAlgorithm);
        String hex = algorithm.digest(digest);
        List<String> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> history = stub.getHistoryForKey(evidenceKey(stub, algorithm.label, hex).toString())) {
            for (KeyModification modification : history) {
                entries.add(Json.object()
                        .put("txId", modification.getTxId())
                        .put("timestamp", modification.getTimestamp() == null ? null : TxTime.format(modification.getTimestamp()))
                        .put("isDelete", modification.isDeleted())
                        .putRaw("evidence", modification.isDeleted() ? "null" : Evidence.fromJson(modification.getStringValue()).toJson())
                        .toString());
            }
        }
        if (entries.isEmpty()) {
            throw notFound(algorithm.label, hex);
        }
        return Json.array(entries);
    }

    private static Evidence read(ChaincodeStub stub, String algorithm, String hex) {
        byte[] stored = stub.getState(evidenceKey(stub, algorithm, hex).toString());
        if (stored == null || stored.length == 0) {
            throw notFound(algorithm, hex);
        }
        return Evidence.fromJson(new String(stored, UTF_8));
    }

    private static RuntimeException notFound(String algorithm, String hex) {
        return Failure.of(EVIDENCE_NOT_FOUND, "evidence " + algorithm + ":" + hex + " does not exist");
    }

    private static CompositeKey evidenceKey(ChaincodeStub stub, String algorithm, String hex) {
        return stub.createCompositeKey(EVIDENCE, algorithm, hex);
    }
}
