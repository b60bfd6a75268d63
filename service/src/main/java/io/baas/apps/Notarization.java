package io.baas.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.config.BaasConfig;
import io.baas.error.DomainException;
import io.baas.error.ErrorKind;
import io.baas.error.ExistingObjectException;
import io.baas.error.FieldError;
import io.baas.fabric.receipt.DocumentDigest;
import io.baas.fabric.receipt.EvidenceReceipt;
import io.baas.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data notarization (存证) on a channel through the notarization app: a document's digest recorded
 * by the user's client identity, verified, listed, and its receipt and certificate made. A document
 * sent whole is hashed as it streams in and never kept.
 */
@ApplicationScoped
public class Notarization {

    public static final String DEFAULT_ALGORITHM = "SHA-256";
    private static final Pattern EVIDENCE_ID = Pattern.compile("^(?<algorithm>[A-Za-z0-9-]{2,16}):(?<digest>[0-9a-fA-F]{32,128})$");
    private static final int CHAINCODE_PAGE = 100;

    private final AppCalls calls;
    private final long maxDocumentBytes;

    Notarization(AppCalls calls, BaasConfig config) {
        this.calls = calls;
        this.maxDocumentBytes = config.apps().maxDocumentBytes();
    }

    /** Records a digest the client computed; a digest recorded before is a 409 carrying that evidence. */
    public Evidence record(String namespace, String channel, NewEvidence request, Caller caller) {
        String algorithm = Documents.digest(orDefault(request.hashAlgorithm()), "hashAlgorithm").algorithm();
        return record(namespace, channel, algorithm, request.digest().toLowerCase(Locale.ROOT), request.title(),
                request.metadata() == null ? "" : request.metadata(), caller);
    }

    /** Records the digest of a document sent as the body, hashed as it streams in. */
    public Evidence recordDocument(String namespace, String channel, InputStream document, String hashAlgorithm, String title,
                                   String metadata, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (title == null || title.isBlank() || title.length() > 256) {
            errors.add(new FieldError("title", "must be given, 1 to 256 characters"));
        }
        if (metadata != null && metadata.length() > 4096) {
            errors.add(new FieldError("metadata", "must be at most 4096 characters"));
        }
        DocumentDigest digest = Documents.digest(orDefault(hashAlgorithm), "hashAlgorithm");
        if (!errors.isEmpty()) {
            throw DomainException.invalid("The document's title or metadata is invalid.", errors);
        }
        String hex = Documents.hash(document, digest, maxDocumentBytes);
        return record(namespace, channel, digest.algorithm(), hex, title, metadata == null ? "" : metadata, caller);
    }

    private Evidence record(String namespace, String channel, String algorithm, String digest, String title, String metadata,
                            Caller caller) {
        try {
            AppCalls.Submitted recorded = calls.submit(namespace, channel, BuiltInApp.NOTARIZATION, caller, "RecordEvidence", algorithm,
                    digest, title, metadata);
            return AppCalls.as(recorded.result(), Evidence.class).withBlock(recorded.blockNumber());
        } catch (DomainException e) {
            if (!"EVIDENCE_EXISTS".equals(e.reason())) {
                throw e;
            }
            throw new ExistingObjectException("EVIDENCE_EXISTS", e.getMessage(), get(namespace, channel, Evidence.idOf(algorithm, digest), caller));
        }
    }

    /** Whether a digest is notarized on the channel, and by whom, when and where. */
    public EvidenceVerification verify(String namespace, String channel, EvidenceDigest request, Caller caller) {
        String algorithm = Documents.digest(orDefault(request.hashAlgorithm()), "hashAlgorithm").algorithm();
        return verified(namespace, channel, algorithm, request.digest().toLowerCase(Locale.ROOT), caller);
    }

    /** Whether a document sent as the body is notarized on the channel. */
    public EvidenceVerification verifyDocument(String namespace, String channel, InputStream document, String hashAlgorithm, Caller caller) {
        DocumentDigest digest = Documents.digest(orDefault(hashAlgorithm), "hashAlgorithm");
        String hex = Documents.hash(document, digest, maxDocumentBytes);
        return verified(namespace, channel, digest.algorithm(), hex, caller);
    }

    private EvidenceVerification verified(String namespace, String channel, String algorithm, String digest, Caller caller) {
        try {
            return new EvidenceVerification(algorithm, digest, true, get(namespace, channel, Evidence.idOf(algorithm, digest), caller));
        } catch (DomainException e) {
            if (e.kind() == ErrorKind.NOT_FOUND && "EVIDENCE_NOT_FOUND".equals(e.reason())) {
                return new EvidenceVerification(algorithm, digest, false, null);
            }
            throw e;
        }
    }

    /** One evidence, with the block that holds it; 404 EVIDENCE_NOT_FOUND when the digest is not recorded. */
    public Evidence get(String namespace, String channel, String id, Caller caller) {
        Evidence evidence = read(namespace, channel, id, caller);
        return evidence.withBlock(calls.channel().blockOf(namespace, channel, evidence.txId(), caller));
    }

    /** The evidence as the chaincode keeps it; 404 EVIDENCE_NOT_FOUND when the digest is not recorded. */
    private Evidence read(String namespace, String channel, String id, Caller caller) {
        Matcher parsed = parse(id);
        return AppCalls.as(calls.evaluate(namespace, channel, BuiltInApp.NOTARIZATION, caller, "ReadEvidence", parsed.group("algorithm"),
                parsed.group("digest")), Evidence.class);
    }

    /** Every write of the evidence's key, newest first. */
    public List<EvidenceChange> history(String namespace, String channel, String id, Caller caller) {
        Matcher parsed = parse(id);
        JsonNode changes = calls.evaluate(namespace, channel, BuiltInApp.NOTARIZATION, caller, "GetEvidenceHistory", parsed.group("algorithm"),
                parsed.group("digest"));
        List<EvidenceChange> result = new ArrayList<>();
        changes.forEach(change -> {
            EvidenceChange read = AppCalls.as(change, EvidenceChange.class);
            result.add(new EvidenceChange(read.txId(), read.timestamp(), read.isDelete(), read.evidence() == null ? null : read.evidence().withId()));
        });
        return result;
    }

    /**
     * The caller's own evidences, newest first. The chaincode lists an owner's oldest first, 100 at a
     * time: every page is read, so a listing costs one evaluate per 100 evidences of its owner.
     */
    public List<Evidence> listOwn(String namespace, String channel, Caller caller) {
        ChannelCalls.Client client = calls.channel().client(namespace, caller);
        List<Evidence> all = new ArrayList<>();
        String bookmark = "";
        do {
            JsonNode listed = calls.evaluate(namespace, channel, BuiltInApp.NOTARIZATION, caller, "ListEvidencesByOwner", client.mspId(),
                    client.clientId(), Integer.toString(CHAINCODE_PAGE), bookmark);
            listed.path("items").forEach(item -> all.add(AppCalls.as(item, Evidence.class).withId()));
            bookmark = listed.path("bookmark").asText("");
        } while (!bookmark.isEmpty());
        Collections.reverse(all);
        return all;
    }

    /** The evidence's receipt, checkable offline; with {@code includeBlock} the whole block proves inclusion. */
    public EvidenceReceipt receipt(String namespace, String channel, String id, boolean includeBlock, Caller caller) {
        Evidence evidence = read(namespace, channel, id, caller);
        return calls.channel().receipt(namespace, channel, BuiltInApp.NOTARIZATION.id(), evidence.hashAlgorithm(), evidence.digest(),
                evidence.txId(), includeBlock, caller);
    }

    /** The certificate (存证证明) of an evidence as a PDF: the receipt's facts for people, with where to verify it. */
    public byte[] certificate(String namespace, String channel, String id, String verifyUrl, Caller caller) {
        Evidence evidence = read(namespace, channel, id, caller);
        EvidenceReceipt receipt = calls.channel().receipt(namespace, channel, BuiltInApp.NOTARIZATION.id(), evidence.hashAlgorithm(),
                evidence.digest(), evidence.txId(), false, caller);
        return EvidenceCertificate.render(new EvidenceCertificate.Facts(evidence.title(), evidence.hashAlgorithm(), evidence.digest(), channel,
                BuiltInApp.NOTARIZATION.id(), evidence.ownerMspId(), evidence.ownerId(), null, Instant.parse(evidence.timestamp()),
                evidence.txId(), receipt.blockNumber(), receipt.endorsingMspIds(), verifyUrl, Instant.now()));
    }

    private static Matcher parse(String id) {
        Matcher parsed = EVIDENCE_ID.matcher(id == null ? "" : id);
        if (!parsed.matches() || DocumentDigest.of(parsed.group("algorithm")).isEmpty()) {
            throw DomainException.invalid("The evidence is named <hashAlgorithm>:<digest in hex>, e.g. SHA-256:9f86d0….",
                    List.of(new FieldError("evidence", "must be <hashAlgorithm>:<digest>, the algorithm one of "
                            + String.join(", ", DocumentDigest.ALGORITHMS))));
        }
        return parsed;
    }

    private static String orDefault(String algorithm) {
        return algorithm == null || algorithm.isBlank() ? DEFAULT_ALGORITHM : algorithm;
    }
}
