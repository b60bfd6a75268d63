package io.baas.chaincode.notarization;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.chaincode.common.Identity;
import io.baas.chaincode.common.InMemoryLedger;
import io.baas.chaincode.common.InMemoryLedger.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class NotarizationContractTest {

    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final NotarizationContract contract = new NotarizationContract();

    private Outcome submit(Identity who, Function<Context, String> tx) {
        return ledger.submit(who, contract, tx);
    }

    private Outcome evaluate(Identity who, Function<Context, String> tx) {
        return ledger.evaluate(who, contract, tx);
    }

    private Outcome record(Identity who, String algorithm, String digest) {
        return submit(who, ctx -> contract.recordEvidence(ctx, algorithm, digest, "contract.pdf", "{\"pages\":3}"));
    }

    private static void assertRefused(Outcome outcome, String code, String message) {
        assertThat(outcome.ok()).as("refused").isFalse();
        assertThat(outcome.error().getMessage()).as("the code leads the message").startsWith(code + ": ").contains(message);
        assertThat(outcome.error().getPayload()).isEqualTo(code.getBytes(UTF_8));
    }

    @Test
    void recordsAnEvidenceWithTheCallerAndTheTransactionsTimeAndAnEvent() {
        Outcome outcome = record(Identity.ORG1_USER, "sha-256", DIGEST.toUpperCase());

        assertThat(outcome.ok()).isTrue();
        JSONObject evidence = new JSONObject(outcome.result());
        assertThat(evidence.getString("hashAlgorithm")).isEqualTo("SHA-256");
        assertThat(evidence.getString("digest")).isEqualTo(DIGEST);
        assertThat(evidence.getString("ownerMspId")).isEqualTo("Org1MSP");
        assertThat(evidence.getString("ownerId")).isEqualTo(Identity.ORG1_USER.clientId())
                .startsWith("x509::CN=User1@org1.example.com");
        assertThat(evidence.getString("title")).isEqualTo("contract.pdf");
        assertThat(evidence.getString("metadata")).isEqualTo("{\"pages\":3}");
        assertThat(evidence.getString("timestamp")).isEqualTo("2026-11-23T19:24:12.623456789Z");
        assertThat(evidence.getString("txId")).hasSize(64);
        assertThat(outcome.event().getEventName()).isEqualTo(NotarizationContract.EVENT_RECORDED);
        assertThat(outcome.event().getPayload().toStringUtf8()).isEqualTo(outcome.result());
        // The evidence under its key, and the owner index entry (one byte: an empty value would be a delete).
        assertThat(ledger.keys()).containsExactly(
                "\u0000evidence\u0000SHA-256\u0000" + DIGEST + "\u0000",
                "\u0000evidence~owner\u0000Org1MSP\u0000" + Identity.ORG1_USER.clientId() + "\u00002026-11-23T19:24:12.623456789Z\u0000SHA-256\u0000"
                        + DIGEST + "\u0000");
        assertThat(ledger.get(ledger.keys().get(1))).containsExactly(0);
    }

    @Test
    void refusesToOverwriteAnExistingDigestWhoeverAsks() {
        Outcome first = record(Identity.ORG1_USER, "SHA-256", DIGEST);

        Outcome again = record(Identity.ORG2_USER, "SHA-256", DIGEST);

        assertRefused(again, NotarizationContract.EVIDENCE_EXISTS, "evidence SHA-256:" + DIGEST + " already exists: recorded by Org1MSP ("
                + Identity.ORG1_USER.clientId() + ") at 2026-11-23T19:24:12.623456789Z in transaction "
                + new JSONObject(first.result()).getString("txId"));
        assertThat(new JSONObject(evaluate(Identity.ORG2_USER, ctx -> contract.readEvidence(ctx, "SHA-256", DIGEST)).result())
                .getString("ownerMspId")).isEqualTo("Org1MSP");
        // The same digest under another algorithm is another evidence.
        assertThat(record(Identity.ORG2_USER, "SHA3-256", DIGEST).ok()).isTrue();
    }

    @Test
    void refusesUnknownAlgorithmsWrongDigestsAndBadTitlesOrMetadata() {
        assertRefused(record(Identity.ORG1_USER, "MD5", DIGEST), "INVALID_ARGUMENT",
                "unsupported hash algorithm 'MD5': use one of SHA-256, SHA-384, SHA-512, SHA3-256, SHA3-384, SHA3-512, SM3");
        assertRefused(record(Identity.ORG1_USER, "SHA-512", DIGEST), "INVALID_ARGUMENT",
                "a SHA-512 digest has 128 hexadecimal characters, this one has 64");
        assertRefused(record(Identity.ORG1_USER, "SM3", DIGEST.replace('a', 'g')), "INVALID_ARGUMENT", "digest must be hexadecimal");
        assertRefused(submit(Identity.ORG1_USER, ctx -> contract.recordEvidence(ctx, "SHA-256", DIGEST, " ", "")),
                "INVALID_ARGUMENT", "title is required");
        assertRefused(submit(Identity.ORG1_USER, ctx -> contract.recordEvidence(ctx, "SHA-256", DIGEST, "t".repeat(257), "")),
                "INVALID_ARGUMENT", "title is longer than 256 characters (257)");
        assertRefused(submit(Identity.ORG1_USER, ctx -> contract.recordEvidence(ctx, "SHA-256", DIGEST, "t", "m".repeat(4097))),
                "INVALID_ARGUMENT", "metadata is longer than 4096 characters (4097)");
        assertRefused(submit(Identity.ORG1_USER, ctx -> contract.recordEvidence(ctx, "SHA-256", DIGEST, "a\u0000b", "")),
                "INVALID_ARGUMENT", "title contains U+0000 or U+10FFFF");
        assertThat(ledger.keys()).isEmpty();
    }

    @Test
    void readsAnEvidenceAndRefusesAnUnknownOne() {
        String recorded = record(Identity.ORG1_USER, "SHA-256", DIGEST).result();

        assertThat(evaluate(Identity.ORG2_USER, ctx -> contract.readEvidence(ctx, "SHA-256", DIGEST)).result()).isEqualTo(recorded);
        assertRefused(evaluate(Identity.ORG2_USER, ctx -> contract.readEvidence(ctx, "SHA-256", OTHER)),
                NotarizationContract.EVIDENCE_NOT_FOUND, "evidence SHA-256:" + OTHER + " does not exist");
        assertRefused(evaluate(Identity.ORG2_USER, ctx -> contract.readEvidence(ctx, "SHA-1", OTHER)), "INVALID_ARGUMENT",
                "unsupported hash algorithm 'SHA-1'");
    }

    @Test
    void verifiesWhoRecordedADigestWhenAndInWhichTransaction() {
        JSONObject recorded = new JSONObject(record(Identity.ORG1_USER, "SHA-256", DIGEST).result());

        JSONObject known = new JSONObject(evaluate(Identity.ORG2_USER, ctx -> contract.verifyEvidence(ctx, "SHA-256", DIGEST)).result());
        JSONObject unknown = new JSONObject(evaluate(Identity.ORG2_USER, ctx -> contract.verifyEvidence(ctx, "SHA-256", OTHER)).result());

        assertThat(known.getBoolean("exists")).isTrue();
        assertThat(known.getString("ownerMspId")).isEqualTo("Org1MSP");
        assertThat(known.getString("ownerId")).isEqualTo(Identity.ORG1_USER.clientId());
        assertThat(known.getString("timestamp")).isEqualTo(recorded.getString("timestamp"));
        assertThat(known.getString("txId")).isEqualTo(recorded.getString("txId"));
        assertThat(unknown.toMap()).containsOnlyKeys("hashAlgorithm", "digest", "exists").containsEntry("exists", false);
        assertRefused(evaluate(Identity.ORG2_USER, ctx -> contract.verifyEvidence(ctx, "SHA-256", "abc")), "INVALID_ARGUMENT",
                "a SHA-256 digest has 64 hexadecimal characters, this one has 3");
    }

    @Test
    void listsAnOwnersEvidencesOldestFirstInPages() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(record(Identity.ORG1_USER, "SHA-256", String.format("%064x", i + 100)).result());
            record(Identity.ORG2_USER, "SHA-256", String.format("%064x", i + 200));
        }
        String owner = Identity.ORG1_USER.clientId();

        List<String> listed = new ArrayList<>();
        String bookmark = "";
        List<Integer> pageSizes = new ArrayList<>();
        do {
            String current = bookmark;
            JSONObject page = new JSONObject(evaluate(Identity.ORG2_USER,
                    ctx -> contract.listEvidencesByOwner(ctx, "Org1MSP", owner, "2", current)).result());
            JSONArray items = page.getJSONArray("items");
            pageSizes.add(page.getInt("fetched"));
            for (int i = 0; i < items.length(); i++) {
                listed.add(items.getJSONObject(i).toString());
            }
            bookmark = page.getString("bookmark");
        } while (!bookmark.isEmpty());

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(listed).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(new JSONObject(listed.get(i)).similar(new JSONObject(mine.get(i)))).as("item %d", i).isTrue();
        }
        JSONObject nobody = new JSONObject(evaluate(Identity.ORG1_USER,
                ctx -> contract.listEvidencesByOwner(ctx, "Org3MSP", owner, "10", "")).result());
        assertThat(nobody.getJSONArray("items").isEmpty()).isTrue();
        assertThat(nobody.getString("bookmark")).isEmpty();
    }

    @Test
    void refusesBadPageSizesAndBookmarksOfOtherListings() {
        String owner = Identity.ORG1_USER.clientId();
        for (String size : new String[] {"0", "101", "-1", "ten", ""}) {
            assertRefused(evaluate(Identity.ORG1_USER, ctx -> contract.listEvidencesByOwner(ctx, "Org1MSP", owner, size, "")),
                    "INVALID_ARGUMENT", "page size must be a whole number from 1 to 100, was '" + size + "'");
        }
        assertRefused(evaluate(Identity.ORG1_USER, ctx -> contract.listEvidencesByOwner(ctx, "Org1MSP", owner, "10",
                "\u0000evidence~owner\u0000Org2MSP\u0000")), "INVALID_ARGUMENT", "the bookmark does not belong to this listing");
        assertRefused(evaluate(Identity.ORG1_USER, ctx -> contract.listEvidencesByOwner(ctx, "", owner, "10", "")),
                "INVALID_ARGUMENT", "owner MSP ID is required");
    }

    @Test
    void givesTheHistoryOfAnEvidenceAndRefusesAnUnknownOne() {
        JSONObject recorded = new JSONObject(record(Identity.ORG1_USER, "SHA-256", DIGEST).result());
        record(Identity.ORG2_USER, "SHA-256", DIGEST);

        JSONArray history = new JSONArray(evaluate(Identity.ORG2_USER,
                ctx -> contract.getEvidenceHistory(ctx, "SHA-256", DIGEST)).result());

        assertThat(history.length()).isEqualTo(1);
        JSONObject entry = history.getJSONObject(0);
        assertThat(entry.getString("txId")).isEqualTo(recorded.getString("txId"));
        assertThat(entry.getString("timestamp")).isEqualTo(recorded.getString("timestamp"));
        assertThat(entry.getBoolean("isDelete")).isFalse();
        assertThat(entry.getJSONObject("evidence").similar(recorded)).isTrue();
        assertRefused(evaluate(Identity.ORG2_USER, ctx -> contract.getEvidenceHistory(ctx, "SHA-256", OTHER)),
                NotarizationContract.EVIDENCE_NOT_FOUND, "does not exist");
    }
}
