package io.baas.apps;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.baas.fabric.receipt.EvidenceReceipt;
import io.baas.fabric.receipt.ReceiptCheck;
import io.baas.fabric.receipt.ReceiptVerifier;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.SandboxRuntimeProfile;
import io.baas.support.TestTokens;
import io.baas.support.TwoOrganizationChannel;
import io.baas.support.TwoOrganizationChannel.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The business apps through the REST API on the sandbox runtime, as a channel's members use them:
 * notarization enabled and approved by both organizations; a document notarized as it streams in,
 * refused a second time with the existing record, verified by a viewer (who may not notarize), a
 * changed document not found; the receipt verified offline (and refused after one changed byte),
 * the certificate as a PDF; asset transfer initialized with its minters, an issue, a transfer across
 * organizations, an overdraft and a non-minter's issue refused, histories.
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class BusinessAppsStoryTest {

    /** Its own each run: consents (PostgreSQL) outlive the embedded cluster, and they name the channel. */
    static final String CHANNEL = "deeds-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final Organization INK = new Organization("ink", "InkMSP", "apps-lead");
    static final Organization QUILL = new Organization("quill", "QuillMSP", "apps-member");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @ConfigProperty(name = "baas.apps.max-document-bytes")
    long maxDocumentBytes;

    TwoOrganizationChannel live;

    @Test
    void membersNotarizeVerifyAndTransferThroughTheApi() throws Exception {
        live = TwoOrganizationChannel.create(client, iam, migrator, INK, QUILL, "atelier", CHANNEL);
        notarizationIsEnabledAndApproved();
        aDocumentIsNotarizedOnceAndVerifiedByAViewer();
        itsReceiptHoldsOfflineAndItsCertificateIsAPdf();
        assetTransferIsInitializedWithItsMinters();
        unitsAreIssuedAndTransferredWithinTheRules();
    }

    private void notarizationIsEnabledAndApproved() {
        assertError(api(QUILL.admin(), "POST", "/evidences", Map.of("digest", "ab".repeat(32), "title", "early")).then(), 409, "AppNotEnabled");
        assertError(api(QUILL.viewer(), "POST", "/builtinapps", Map.of("app", "notarization")).then(), 403, "Forbidden");
        assertError(api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "ledger")).then(), 400, "BadRequest");
        assertError(api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "notarization", "minters", List.of("quill"))).then(),
                400, "BadRequest");
        api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "notarization")).then().statusCode(201)
                .body("state", equalTo("AwaitingApprovals")).body("chaincode", equalTo("notarization"));
        api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "notarization")).then().statusCode(200)
                .body("state", equalTo("AwaitingApprovals"));
        live.approveAll("notarization", 1);
        live.awaitChaincode("notarization", c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed));
        // Committed; each peer loads the chaincode in the background: Starting until it answers.
        awaitState("notarization", "Ready");
        api(QUILL.viewer(), "GET", "/builtinapps", null).then().statusCode(200)
                .body("items.find { it.app == 'asset-transfer' }.state", equalTo("NotEnabled"));
    }

    private void aDocumentIsNotarizedOnceAndVerifiedByAViewer() {
        byte[] lease = ("Lease of the atelier, " + CHANNEL).getBytes(StandardCharsets.UTF_8);
        String digest = sha256(lease);
        Response notarized = document(QUILL.admin(), "/evidences?title=Atelier%20lease&metadata=%7B%22floor%22%3A2%7D", lease);
        notarized.then().statusCode(201).body("id", equalTo("SHA-256:" + digest)).body("digest", equalTo(digest))
                .body("ownerMspId", equalTo("QuillMSP")).body("title", equalTo("Atelier lease")).body("metadata", equalTo("{\"floor\":2}"));
        String txId = notarized.path("txId");
        assertThat(notarized.<Integer>path("blockNumber")).isPositive();

        // Anyone's second notarization of the same document is refused with the record that exists.
        assertError(document(INK.admin(), "/evidences?title=again", lease, INK).then(), 409, "EVIDENCE_EXISTS")
                .body("existing.txId", equalTo(txId)).body("existing.ownerMspId", equalTo("QuillMSP"));
        assertError(api(QUILL.admin(), "POST", "/evidences", Map.of("digest", digest, "title", "again")).then(), 409, "EVIDENCE_EXISTS");

        // The viewer verifies (the file or its digest) but may not notarize.
        document(QUILL.viewer(), "/evidenceverifications", lease).then().statusCode(200).body("recorded", equalTo(true))
                .body("evidence.txId", equalTo(txId)).body("evidence.ownerMspId", equalTo("QuillMSP"))
                .body("evidence.blockNumber", equalTo(notarized.<Integer>path("blockNumber")));
        byte[] changed = lease.clone();
        changed[0] ^= 1;
        document(QUILL.viewer(), "/evidenceverifications", changed).then().statusCode(200).body("recorded", equalTo(false))
                .body("digest", equalTo(sha256(changed)));
        api(INK.admin(), "POST", "/evidenceverifications", Map.of("hashAlgorithm", "sha-256", "digest", digest.toUpperCase()), INK)
                .then().statusCode(200).body("recorded", equalTo(true)).body("evidence.ownerMspId", equalTo("QuillMSP"));
        assertError(document(QUILL.viewer(), "/evidences?title=mine", changed).then(), 403, "Forbidden");

        // SM3 by choice; a digest sent by the client; refusals of what cannot be right.
        byte[] minutes = ("Minutes " + CHANNEL).getBytes(StandardCharsets.UTF_8);
        document(QUILL.admin(), "/evidences?title=Minutes&hashAlgorithm=sm3", minutes).then().statusCode(201)
                .body("hashAlgorithm", equalTo("SM3")).body("digest", equalTo(io.baas.fabric.receipt.DocumentDigest.hex("SM3", minutes).orElseThrow()));
        api(QUILL.admin(), "POST", "/evidences", Map.of("hashAlgorithm", "SHA-512", "digest", "c0".repeat(64), "title", "Seal")).then()
                .statusCode(201).body("id", equalTo("SHA-512:" + "c0".repeat(64)));
        assertError(document(QUILL.admin(), "/evidences?title=x&hashAlgorithm=MD5", minutes).then(), 400, "BadRequest")
                .body("details.field", org.hamcrest.Matchers.hasItem("hashAlgorithm"));
        assertError(document(QUILL.admin(), "/evidences", ("untitled " + CHANNEL).getBytes(StandardCharsets.UTF_8)).then(), 400, "BadRequest")
                .body("details.field", org.hamcrest.Matchers.hasItem("title"));
        assertError(document(QUILL.admin(), "/evidences?title=empty", new byte[0]).then(), 400, "EmptyBody");
        assertError(document(QUILL.admin(), "/evidences?title=huge", new byte[(int) maxDocumentBytes + 1]).then(), 413, "RequestEntityTooLarge");
        assertError(api(QUILL.admin(), "POST", "/evidences", Map.of("digest", "not hex", "title", "x")).then(), 400, "BadRequest");
        assertError(api(QUILL.admin(), "GET", "/evidences/MD5:" + "ab".repeat(16), null).then(), 400, "BadRequest");
        assertError(api(QUILL.admin(), "GET", "/evidences/SHA-256:" + "ab".repeat(32), null).then(), 404, "EVIDENCE_NOT_FOUND");

        // The owner's own, newest first, paged; the evidence's history.
        api(QUILL.admin(), "GET", "/evidences", null).then().statusCode(200).body("totalItems", equalTo(3))
                .body("items[0].title", equalTo("Seal")).body("items[2].title", equalTo("Atelier lease"));
        api(QUILL.admin(), "GET", "/evidences?page=2&limit=2", null).then().statusCode(200).body("items.title", equalTo(List.of("Atelier lease")));
        api(INK.admin(), "GET", "/evidences", null, INK).then().statusCode(200).body("totalItems", equalTo(0));
        api(QUILL.viewer(), "GET", "/evidences/SHA-256:" + digest + "/history", null).then().statusCode(200)
                .body("items[0].txId", equalTo(txId)).body("items[0].evidence.title", equalTo("Atelier lease"));
    }

    private void itsReceiptHoldsOfflineAndItsCertificateIsAPdf() throws Exception {
        byte[] lease = ("Lease of the atelier, " + CHANNEL).getBytes(StandardCharsets.UTF_8);
        String id = "SHA-256:" + sha256(lease);
        Response download = api(QUILL.viewer(), "GET", "/evidences/" + id + "/receipt?proof=block", null);
        download.then().statusCode(200).header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"));
        byte[] json = download.asByteArray();
        EvidenceReceipt receipt = EvidenceReceipt.fromJson(json);
        assertThat(ReceiptVerifier.verify(receipt, Optional.of(lease), Optional.empty()))
                .allSatisfy(check -> assertThat(check.outcome()).as(check.toString()).isEqualTo(ReceiptCheck.Outcome.PASSED));
        assertThat(receipt.endorsingMspIds()).contains("QuillMSP");

        // One changed byte of the receipt (in its signed header) and it no longer holds.
        String text = new String(json, StandardCharsets.UTF_8);
        String header = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(json).path("blockHeader").asText();
        byte[] headerBytes = java.util.Base64.getDecoder().decode(header);
        headerBytes[headerBytes.length - 1] ^= 1;
        byte[] forged = text.replace(header, java.util.Base64.getEncoder().encodeToString(headerBytes)).getBytes(StandardCharsets.UTF_8);
        assertThat(ReceiptVerifier.holds(ReceiptVerifier.verify(EvidenceReceipt.fromJson(forged), Optional.of(lease), Optional.empty()))).isFalse();
        api(QUILL.viewer(), "GET", "/evidences/" + id + "/receipt", null).then().statusCode(200).body("block", org.hamcrest.Matchers.nullValue());
        assertError(api(QUILL.viewer(), "GET", "/evidences/" + id + "/receipt?proof=everything", null).then(), 400, "BadRequest");

        Response pdf = api(QUILL.viewer(), "GET", "/evidences/" + id + "/certificate", null);
        pdf.then().statusCode(200).contentType("application/pdf");
        try (var document = Loader.loadPDF(pdf.asByteArray())) {
            String shown = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(shown).contains(sha256(lease)).contains(receipt.txId()).contains("QuillMSP").contains(CHANNEL);
        }
    }

    private void assetTransferIsInitializedWithItsMinters() {
        assertError(api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "asset-transfer")).then(), 400, "BadRequest");
        assertError(api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "asset-transfer", "minters", List.of("quill", "plum"))).then(),
                400, "BadRequest");
        api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "asset-transfer", "minters", List.of("quill"))).then().statusCode(201)
                .body("state", equalTo("AwaitingApprovals"));
        live.approveAll("asset-transfer", 1);
        live.awaitChaincode("asset-transfer", c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed));
        awaitState("asset-transfer", "AwaitingInitialization");
        // Minters are set once, by the first to ask once it is committed: another list afterwards is refused.
        api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "asset-transfer", "minters", List.of("quill"))).then().statusCode(200)
                .body("state", equalTo("Ready")).body("minters", equalTo(List.of("QuillMSP")));
        api(QUILL.admin(), "POST", "/builtinapps", Map.of("app", "asset-transfer", "minters", List.of("quill"))).then().statusCode(200)
                .body("state", equalTo("Ready"));
        assertError(api(INK.admin(), "POST", "/builtinapps", Map.of("app", "asset-transfer", "minters", List.of("ink")), INK).then(),
                409, "ALREADY_INITIALIZED");
    }

    private void unitsAreIssuedAndTransferredWithinTheRules() {
        Map<String, Object> quill = account(QUILL.admin(), QUILL);
        Map<String, Object> ink = account(INK.admin(), INK);
        assertThat(quill.get("mspId")).isEqualTo("QuillMSP");
        assertThat((String) quill.get("clientId")).startsWith("x509::").contains("CN=" + io.baas.organization.UserIdentity.nameFor(QUILL.admin()));

        api(QUILL.admin(), "POST", "/assets/issuances", Map.of("to", quill, "amount", 100)).then().statusCode(201)
                .body("account.balance", equalTo(100));
        assertError(api(INK.admin(), "POST", "/assets/issuances", Map.of("to", ink, "amount", 5), INK).then(), 403, "NOT_MINTER");
        assertError(api(QUILL.viewer(), "POST", "/assets/transfers", Map.of("to", ink, "amount", 1)).then(), 403, "Forbidden");
        api(QUILL.admin(), "POST", "/assets/transfers", Map.of("to", ink, "amount", 30)).then().statusCode(201)
                .body("account.balance", equalTo(70));
        assertError(api(QUILL.admin(), "POST", "/assets/transfers", Map.of("to", ink, "amount", 71)).then(), 409, "INSUFFICIENT_BALANCE");
        assertError(api(QUILL.admin(), "POST", "/assets/transfers", Map.of("to", quill, "amount", 1)).then(), 400, "SAME_ACCOUNT");
        assertError(api(QUILL.admin(), "POST", "/assets/transfers", Map.of("to", ink, "amount", 0)).then(), 400, "BadRequest");

        api(INK.admin(), "GET", "/assets/balances", null, INK).then().statusCode(200).body("balance", equalTo(30));
        api(QUILL.viewer(), "GET", "/assets", null).then().statusCode(200).body("supply", equalTo(100))
                .body("minters", equalTo(List.of("QuillMSP"))).body("account.balance", equalTo(0));
        api(QUILL.viewer(), "GET", "/assets/balances?mspId=QuillMSP&clientId=" + encode((String) quill.get("clientId")), null).then()
                .statusCode(200).body("balance", equalTo(70));
        Response first = api(QUILL.admin(), "GET", "/assets/movements?limit=1", null);
        first.then().statusCode(200).body("items.kind", equalTo(List.of("issue"))).body("items[0].balance", equalTo(100));
        api(QUILL.admin(), "GET", "/assets/movements?limit=1&continue=" + encode(first.path("continueToken")), null).then().statusCode(200)
                .body("items.kind", equalTo(List.of("sent"))).body("items[0].amount", equalTo(30)).body("items[0].balance", equalTo(70))
                .body("items[0].counterparty.mspId", equalTo("InkMSP")).body("items[0].counterparty.clientId", equalTo(ink.get("clientId")));
        api(INK.admin(), "GET", "/assets/movements", null, INK).then().statusCode(200).body("items.kind", equalTo(List.of("received")));
        assertError(api(QUILL.admin(), "GET", "/assets/movements?limit=101", null).then(), 400, "BadRequest");

        // The events as they committed, in block order; polling on from nextBlock finds nothing new.
        long next = 0;
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        do {
            Response page = api(INK.admin(), "GET", "/assets/events?fromBlock=" + next + "&maxBlocks=3", null, INK);
            page.then().statusCode(200);
            events.addAll(page.path("items"));
            long reached = page.<Number>path("nextBlock").longValue();
            if (reached == next) {
                break;
            }
            next = reached;
        } while (true);
        assertThat(events).extracting(e -> e.get("name")).containsExactly("Issue", "Transfer");
        assertThat(events.get(1)).extractingByKey("payload").asString().contains("amount=30").contains("InkMSP");
        api(QUILL.viewer(), "GET", "/assets/events?fromBlock=" + next, null).then().statusCode(200).body("items.size()", equalTo(0))
                .body("nextBlock", equalTo((int) next));
        assertError(api(QUILL.viewer(), "GET", "/assets/events?maxBlocks=0", null).then(), 400, "BadRequest");
        assertError(api(QUILL.viewer(), "GET", "/assets/events?fromBlock=-1", null).then(), 400, "BadRequest");
    }

    /** Until the app shows the state; on the way only the states that lead there (Starting while the peers load it). */
    private void awaitState(String app, String state) {
        io.baas.support.KubeSphereFixtures.await(() -> {
            String now = api(QUILL.viewer(), "GET", "/builtinapps", null).then().statusCode(200).extract()
                    .path("items.find { it.app == '" + app + "' }.state");
            assertThat(now).as(app).isIn("AwaitingApprovals", "Starting", state);
            return state.equals(now);
        }, TwoOrganizationChannel.BOUND, () -> app + " never became " + state);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> account(String user, Organization organization) {
        Map<String, Object> account = api(user, "GET", "/assets/balances", null, organization).then().statusCode(200).extract().as(Map.class);
        return Map.of("mspId", account.get("mspId"), "clientId", account.get("clientId"));
    }

    private Response api(String user, String method, String path, Object body) {
        return api(user, method, path, body, QUILL);
    }

    /** Paths are sent as written (queries percent-encoded already; an evidence's ':' as it is, its one canonical spelling). */
    private Response api(String user, String method, String path, Object body, Organization from) {
        var request = given().urlEncodingEnabled(false).header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().request(method, BaasApi.PREFIX + live.channelPath(from) + path);
    }

    private Response document(String user, String path, byte[] document) {
        return document(user, path, document, QUILL);
    }

    private Response document(String user, String path, byte[] document, Organization from) {
        // The paths' queries are written percent-encoded already.
        return given().urlEncodingEnabled(false).header("Authorization", TestTokens.bearer(user)).contentType("application/octet-stream")
                .body(document).when().post(BaasApi.PREFIX + live.channelPath(from) + path);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(io.baas.fabric.Sha256.digest(bytes).toByteArray());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
