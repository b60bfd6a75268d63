package io.baas.openapi;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.SandboxRuntimeProfile;
import io.baas.support.TwoOrganizationChannel;
import io.baas.support.TwoOrganizationChannel.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The open API as an integrator meets it, on the sandbox runtime: an organization's admin creates
 * an application with scopes and a key (its secret shown once); the program notarizes and verifies
 * a document with signed requests on the open API's own port; every way a request can be wrong is
 * refused with its own reason; keys rotate; the calls are logged; no secret is in a log or a later
 * answer.
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class OpenApiStoryTest {

    static final String CHANNEL = "ledgers-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final Organization SEAL = new Organization("seal", "SealMSP", "openapi-lead");
    static final Organization STAMP = new Organization("stamp", "StampMSP", "openapi-member");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    OpenApiServer server;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.baas.webhook.WebhookDeliveries deliveries;

    @Inject
    OpenApiRoutes routes;

    TwoOrganizationChannel live;
    URI base;
    final List<String> answers = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();

    @Test
    void anApplicationNotarizesWithSignedRequestsWithinItsScopes() throws Exception {
        base = URI.create("http://127.0.0.1:" + server.port());
        onlyTheOpenApiIsServedOnItsPort();
        // A consortium of its own each run: applications (PostgreSQL) outlive the embedded cluster.
        live = TwoOrganizationChannel.create(client, iam, migrator, SEAL, STAMP, "reg-" + CHANNEL.substring(8), CHANNEL);
        notarizationIsReady();
        OpenApiClient billing = applicationWithKey(STAMP, "billing", List.of(Map.of("channel", CHANNEL, "app", "notarization",
                "operations", List.of("notarize", "verify", "read"))));
        aSignedDocumentIsNotarizedAndVerified(billing);
        webhooksDeliverEachEventOnceInOrder(billing);
        wrongRequestsAreRefusedEachWithItsReason(billing);
        keysRotate();
        aRateLimitRefusesThenRecovers();
        aChaincodeFunctionIsEvaluatedWithinAReadOnlyScope();
        theCallsAreLoggedAndNoSecretLeaks();
    }

    private void onlyTheOpenApiIsServedOnItsPort() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("/kapis/baas.io/v1/consortia", "/q/health", "/q/metrics", "/openapi/v1", "/openapi/v2/x",
                "/openapi/v1/namespaces/a%2Fb/channels/c/evidences", "/dist/ks-baas/index.js")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(answer.body()).path("reason").asText()).as(path).isEqualTo("NotFound");
        }
        // The OpenAPI document, public, describes exactly the routes served.
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(base.resolve(OpenApiServer.DOCUMENT_PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/yaml");
        JsonNode paths = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(document.body()).path("paths");
        List<String> described = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                described.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(described).containsExactlyInAnyOrderElementsOf(routes.routes().stream().map(r -> r.method() + " " + r.template()).toList());
    }

    private void notarizationIsReady() {
        api(STAMP.admin(), "POST", live.channelPath(STAMP) + "/builtinapps", Map.of("app", "notarization")).then().statusCode(201);
        live.approveAll("notarization", 1);
        KubeSphereFixtures.await(() -> "Ready".equals(api(STAMP.admin(), "GET", live.channelPath(STAMP) + "/builtinapps", null)
                .then().statusCode(200).extract().path("items.find { it.app == 'notarization' }.state")),
                TwoOrganizationChannel.BOUND, () -> "notarization never became Ready");
    }

    /** Created by the organization's admin through the console API; the key's secret is in that one answer. */
    private OpenApiClient applicationWithKey(Organization organization, String name, List<Map<String, Object>> scopes) {
        String applications = "/namespaces/" + live.namespace(organization) + "/applications";
        assertError(api(organization.admin(), "POST", applications, Map.of("name", name, "scopes", List.of(Map.of("channel", CHANNEL,
                "app", "notarization", "operations", List.of("transfer"))))).then(), 400, "BadRequest")
                .body("details[0].field", equalTo("scopes[0].operations"));
        api(organization.admin(), "POST", applications, Map.of("name", name, "description", "Invoices", "scopes", scopes)).then().statusCode(201)
                .body("organization", equalTo(organization.name())).body("scopes[0].channel", equalTo(CHANNEL))
                .body("scopes[0].access", equalTo("read-write"));
        assertError(api(organization.admin(), "POST", applications, Map.of("name", name, "scopes", scopes)).then(), 409, "AlreadyExists")
                .body("existing.name", equalTo(name));
        var created = api(organization.admin(), "POST", applications + "/" + name + "/keys", null);
        created.then().statusCode(201).header("Cache-Control", "no-store");
        String accessKeyId = created.path("accessKeyId");
        String secret = created.path("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        secrets.add(secret);
        String listed = api(organization.admin(), "GET", applications + "/" + name, null).then().statusCode(200)
                .body("keys[0].accessKeyId", equalTo(accessKeyId)).body("keys[0].enabled", equalTo(true)).extract().asString();
        answers.add(listed);
        assertThat(listed).doesNotContain(secret);
        return new OpenApiClient(base, accessKeyId, secret);
    }

    private void aSignedDocumentIsNotarizedAndVerified(OpenApiClient billing) throws Exception {
        byte[] invoice = ("Invoice 7 of " + CHANNEL).getBytes(StandardCharsets.UTF_8);
        JsonNode notarized = ok(billing.send("POST", channel(STAMP) + "/evidences?title=Invoice%207&metadata=%7B%7D", "application/octet-stream",
                invoice), 201);
        assertThat(notarized.path("ownerMspId").asText()).isEqualTo("StampMSP");
        assertThat(notarized.path("title").asText()).isEqualTo("Invoice 7");
        assertThat(notarized.path("blockNumber").asLong()).isPositive();
        String id = notarized.path("id").asText();
        assertThat(id).isEqualTo("SHA-256:" + RequestSignature.sha256Hex(invoice));

        JsonNode verified = ok(billing.send("POST", channel(STAMP) + "/evidenceverifications", "application/octet-stream", invoice), 200);
        assertThat(verified.path("recorded").asBoolean()).isTrue();
        assertThat(verified.path("evidence").path("txId").asText()).isEqualTo(notarized.path("txId").asText());
        byte[] changed = invoice.clone();
        changed[0] ^= 1;
        assertThat(ok(billing.send("POST", channel(STAMP) + "/evidenceverifications", "application/octet-stream", changed), 200)
                .path("recorded").asBoolean()).isFalse();
        assertThat(ok(billing.send("GET", channel(STAMP) + "/evidences/" + id, null, null), 200).path("title").asText()).isEqualTo("Invoice 7");
        // The curl + openssl reference client signs the same way.
        Path file = Files.createTempFile("invoice", ".txt");
        Files.write(file, invoice);
        ProcessBuilder curl = new ProcessBuilder("bash", "../bin/ks-baas-openapi", "POST", base + channel(STAMP)
                + "/evidenceverifications?hashAlgorithm=SHA-256", file.toString()).redirectErrorStream(true);
        curl.environment().put("KSB_ACCESS_KEY_ID", billing.accessKeyId());
        curl.environment().put("KSB_SECRET", billing.secret());
        Process process = curl.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(printed).isZero();
        answers.add(printed);
        assertThat(JSON.readTree(printed).path("evidence").path("txId").asText()).isEqualTo(notarized.path("txId").asText());
        Files.delete(file);

        // Notarized twice: the existing record, as on the console API.
        assertThat(refused(billing.send("POST", channel(STAMP) + "/evidences", "application/json",
                JSON.writeValueAsBytes(Map.of("digest", RequestSignature.sha256Hex(invoice), "title", "again"))), 409, "EVIDENCE_EXISTS")
                .path("existing").path("txId").asText()).isEqualTo(notarized.path("txId").asText());
        // The client identity the organization holds for the application signed it: the console user who made the app did not.
        var mine = api(STAMP.admin(), "GET", live.channelPath(STAMP) + "/evidences", null).then().statusCode(200).extract();
        assertThat(mine.<Integer>path("totalItems")).isZero();
    }

    /**
     * A receiver subscribed from block 0 gets the evidence events in block order, each once: through
     * a failed attempt (retried), a restart of delivery while an event is pending, and later
     * events; a receiver that always fails gets nothing and the events go to its dead letters; a
     * replay from block 0 delivers them all again, in the same order.
     */
    private void webhooksDeliverEachEventOnceInOrder(OpenApiClient billing) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(billing.accessKeyId(), billing.secret());
        try {
            String webhooks = "/namespaces/" + live.namespace(STAMP) + "/applications/billing/webhooks";
            assertError(api(STAMP.admin(), "POST", webhooks, Map.of("name", "ledger", "url", receiver.url("/hook"), "channel", CHANNEL,
                    "chaincode", "asset-transfer")).then(), 400, "BadRequest").body("details[0].field", equalTo("chaincode"));
            assertError(api(STAMP.admin(), "POST", webhooks, Map.of("name", "ledger", "url", "ftp://127.0.0.1/x", "channel", CHANNEL,
                    "chaincode", "notarization")).then(), 400, "BadRequest").body("details[0].field", equalTo("url"));
            assertError(api(STAMP.viewer(), "POST", webhooks, Map.of("name", "ledger", "url", receiver.url("/hook"), "channel", CHANNEL,
                    "chaincode", "notarization")).then(), 403, "Forbidden");
            api(STAMP.admin(), "POST", webhooks, Map.of("name", "ledger", "url", receiver.url("/hook"), "channel", CHANNEL,
                    "chaincode", "notarization", "eventName", "EvidenceRecorded", "fromBlock", 0)).then().statusCode(201)
                    .body("nextBlock", equalTo(0));
            receiver.await(1);

            // The next delivery fails once; delivery stops and starts again while it is pending.
            receiver.failNext();
            ok(billing.send("POST", channel(STAMP) + "/evidences?title=Invoice%208", "application/octet-stream",
                    ("Invoice 8 of " + CHANNEL).getBytes(StandardCharsets.UTF_8)), 201);
            KubeSphereFixtures.await(() -> receiver.failedOnce() && api(STAMP.viewer(), "GET", webhooks + "/ledger", null)
                    .then().statusCode(200).extract().<Integer>path("attempts") >= 1, TwoOrganizationChannel.BOUND,
                    () -> "the failed attempt was not recorded");
            deliveries.stop();
            deliveries.start();
            receiver.await(2);
            ok(billing.send("POST", channel(STAMP) + "/evidences?title=Invoice%209", "application/octet-stream",
                    ("Invoice 9 of " + CHANNEL).getBytes(StandardCharsets.UTF_8)), 201);
            List<JsonNode> delivered = receiver.await(3);
            assertThat(delivered.stream().map(d -> d.path("txId").asText()).distinct().count()).as("each event once").isEqualTo(3);
            assertThat(delivered.stream().map(d -> d.path("blockNumber").asLong()).toList()).as("in block order").isSorted();
            assertThat(delivered.get(2).path("payloadText").asText()).contains(RequestSignature.sha256Hex(("Invoice 9 of " + CHANNEL)
                    .getBytes(StandardCharsets.UTF_8)));
            api(STAMP.viewer(), "GET", webhooks + "/ledger", null).then().statusCode(200).body("delivered", equalTo(3))
                    .body("attempts", equalTo(0));

            // A receiver that always fails: each event tried as often as configured, then a dead letter, and delivery moves on.
            api(STAMP.admin(), "POST", webhooks, Map.of("name", "broken", "url", receiver.url("/broken"), "channel", CHANNEL,
                    "chaincode", "notarization")).then().statusCode(201);
            KubeSphereFixtures.await(() -> Integer.valueOf(3).equals(api(STAMP.viewer(), "GET", webhooks + "/broken/deadletters", null)
                    .then().statusCode(200).extract().path("totalItems")), TwoOrganizationChannel.BOUND, () -> "no dead letters");
            api(STAMP.viewer(), "GET", webhooks + "/broken/deadletters", null).then().body("items[0].attempts", equalTo(3))
                    .body("items[0].lastError", equalTo("The receiver answered HTTP 503."))
                    .body("items.txId", equalTo(delivered.stream().map(d -> d.path("txId").asText()).toList()));

            // A replay from block 0: all three again, in the same order.
            api(STAMP.admin(), "POST", webhooks + "/ledger/replays", Map.of("fromBlock", 0)).then().statusCode(200).body("nextBlock", equalTo(0));
            List<JsonNode> again = receiver.await(6).subList(3, 6);
            assertThat(again.stream().map(d -> d.path("txId").asText()).toList())
                    .isEqualTo(delivered.stream().map(d -> d.path("txId").asText()).toList());
            // How each of the application's own transactions ended: its three notarizations, valid, in block order.
            try (WebhookReceiver statuses = new WebhookReceiver(billing.accessKeyId(), billing.secret())) {
                assertError(api(STAMP.admin(), "POST", webhooks, Map.of("name", "status", "kind", "Bogus", "url", statuses.url("/hook"),
                        "channel", CHANNEL)).then(), 400, "BadRequest").body("details[0].field", equalTo("kind"));
                api(STAMP.admin(), "POST", webhooks, Map.of("name", "status", "kind", "TransactionStatus", "url", statuses.url("/hook"),
                        "channel", CHANNEL)).then().statusCode(201).body("kind", equalTo("TransactionStatus"));
                List<JsonNode> ended = statuses.await(3);
                assertThat(ended.stream().map(d -> d.path("txId").asText()).toList())
                        .isEqualTo(delivered.stream().map(d -> d.path("txId").asText()).toList());
                for (JsonNode status : ended) {
                    assertThat(status.path("kind").asText()).isEqualTo("TransactionStatus");
                    JsonNode outcome = JSON.readTree(status.path("payloadText").asText());
                    assertThat(outcome.path("validationCode").asText()).isEqualTo("VALID");
                    assertThat(outcome.path("valid").asBoolean()).isTrue();
                }
                api(STAMP.admin(), "DELETE", webhooks + "/status", null).then().statusCode(204);
            }
            api(STAMP.admin(), "DELETE", webhooks + "/broken", null).then().statusCode(204);
            api(STAMP.admin(), "DELETE", webhooks + "/ledger", null).then().statusCode(204);
            assertError(api(STAMP.viewer(), "GET", webhooks + "/ledger", null).then(), 404, "NotFound");
            assertThat(receiver.badSignatures()).as("deliveries whose signature did not verify").isZero();
        } finally {
            receiver.close();
        }
    }

    private void wrongRequestsAreRefusedEachWithItsReason(OpenApiClient billing) throws Exception {
        String evidences = channel(STAMP) + "/evidences";
        byte[] digest = JSON.writeValueAsBytes(Map.of("digest", "ab".repeat(32), "title", "probe"));

        // A replay: the same signed request a second time, even after it failed the first.
        OpenApiClient.Signed once = billing.sign("POST", channel(STAMP) + "/evidenceverifications", "application/json",
                JSON.writeValueAsBytes(Map.of("digest", "cd".repeat(32))), Instant.now(), billing.nonce());
        ok(billing.send(once), 200);
        refused(billing.send(once), 401, "NonceReused");

        refused(billing.send(billing.sign("POST", evidences, "application/json", digest, Instant.now().minus(Duration.ofMinutes(6)),
                billing.nonce())), 401, "RequestTimeSkewed");
        refused(billing.send(billing.sign("POST", evidences, "application/json", digest, Instant.now().plus(Duration.ofMinutes(6)),
                billing.nonce())), 401, "RequestTimeSkewed");
        OpenApiClient.Signed signed = billing.sign("POST", evidences, "application/json", digest, Instant.now(), billing.nonce());
        String wrongSecret = refused(new OpenApiClient(base, accessKeyOf(signed), "not-the-secret").send("POST", evidences, "application/json",
                digest), 401, "SignatureMismatch").path("message").asText();
        String unknownKey = refused(new OpenApiClient(base, "KSBNOSUCHKEY2345672", "whatever").send("POST", evidences, "application/json",
                digest), 401, "SignatureMismatch").path("message").asText();
        assertThat(unknownKey).as("an unknown key reads as a wrong secret").isEqualTo(wrongSecret);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve(evidences)).POST(HttpRequest.BodyPublishers.ofByteArray(digest))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body()).path("reason").asText())
                .isEqualTo("SignatureMissing");
        // A body other than the one signed.
        OpenApiClient.Signed tampered = new OpenApiClient.Signed(signed.method(), signed.pathAndQuery(), signed.headers(),
                JSON.writeValueAsBytes(Map.of("digest", "ef".repeat(32), "title", "probe")));
        refused(billing.send(tampered), 400, "ContentDigestMismatch");
        // A query other than the one signed.
        OpenApiClient.Signed requery = billing.sign("POST", evidences + "?title=a", "application/octet-stream", digest, Instant.now(),
                billing.nonce());
        refused(billing.send(new OpenApiClient.Signed(requery.method(), evidences + "?title=b", requery.headers(), requery.body())), 401,
                "SignatureMismatch");
        refused(billing.send("POST", evidences + "?title=huge", "application/octet-stream", new byte[1024 * 1024 + 1]), 413, "BodyTooLarge");

        // Outside its scopes: another app, a function, another channel, another organization's namespace.
        refused(billing.send("POST", channel(STAMP) + "/assets/transfers", "application/json",
                JSON.writeValueAsBytes(Map.of("to", Map.of("mspId", "SealMSP", "clientId", "x"), "amount", 1))), 403, "OutOfScope");
        refused(billing.send("POST", channel(STAMP) + "/chaincodes/notarization/submissions", "application/json",
                JSON.writeValueAsBytes(Map.of("function", "RecordEvidence", "arguments", List.of("SHA-256", "00".repeat(32), "t", "")))), 403,
                "OutOfScope");
        refused(billing.send("POST", "/openapi/v1/namespaces/" + live.namespace(STAMP) + "/channels/elsewhere/evidences", "application/json",
                digest), 403, "OutOfScope");
        refused(billing.send("POST", channel(SEAL) + "/evidences", "application/json", digest), 403, "OutOfScope");
        OpenApiClient foreign = applicationWithKey(SEAL, "auditor", List.of(Map.of("channel", CHANNEL, "app", "notarization",
                "operations", List.of("verify"))));
        refused(foreign.send("POST", evidences, "application/json", digest), 403, "OutOfScope");
        ok(foreign.send("POST", channel(SEAL) + "/evidenceverifications", "application/json",
                JSON.writeValueAsBytes(Map.of("digest", "ab".repeat(32)))), 200);
        refused(foreign.send("POST", channel(SEAL) + "/evidences", "application/json", digest), 403, "OutOfScope");
    }

    /** Two keys valid at once; a third refused; the old one disabled, its calls refused while the new one works; deleted. */
    private void keysRotate() throws Exception {
        String keys = "/namespaces/" + live.namespace(STAMP) + "/applications/billing/keys";
        String oldKey = api(STAMP.admin(), "GET", "/namespaces/" + live.namespace(STAMP) + "/applications/billing", null).path("keys[0].accessKeyId");
        String oldSecret = secrets.get(0);
        var second = api(STAMP.admin(), "POST", keys, null);
        second.then().statusCode(201);
        secrets.add(second.path("secret"));
        OpenApiClient older = new OpenApiClient(base, oldKey, oldSecret);
        OpenApiClient newer = new OpenApiClient(base, second.path("accessKeyId"), second.path("secret"));
        byte[] probe = JSON.writeValueAsBytes(Map.of("digest", "12".repeat(32)));
        String verifications = channel(STAMP) + "/evidenceverifications";
        ok(older.send("POST", verifications, "application/json", probe), 200);
        ok(newer.send("POST", verifications, "application/json", probe), 200);
        assertError(api(STAMP.admin(), "POST", keys, null).then(), 409, "TooManyKeys");
        assertError(api(STAMP.viewer(), "POST", keys, null).then(), 403, "Forbidden");
        // Both keys were used: their last use is on record (a third, unused, would show none).
        api(STAMP.viewer(), "GET", "/namespaces/" + live.namespace(STAMP) + "/applications/billing", null).then().statusCode(200)
                .body("keys.findAll { it.lastUsedAt != null }.size()", equalTo(2));

        api(STAMP.admin(), "PUT", keys + "/" + oldKey, Map.of("enabled", false)).then().statusCode(200).body("enabled", equalTo(false));
        refused(older.send("POST", verifications, "application/json", probe), 401, "KeyDisabled");
        ok(newer.send("POST", verifications, "application/json", probe), 200);
        var third = api(STAMP.admin(), "POST", keys, null);
        third.then().statusCode(201);
        secrets.add(third.path("secret"));
        assertError(api(STAMP.admin(), "PUT", keys + "/" + oldKey, Map.of("enabled", true)).then(), 409, "TooManyKeys");
        api(STAMP.admin(), "DELETE", keys + "/" + oldKey, null).then().statusCode(204);
        refused(older.send("POST", verifications, "application/json", probe), 401, "SignatureMismatch");
        assertError(api(STAMP.admin(), "DELETE", keys + "/" + oldKey, null).then(), 404, "NotFound");
        // Another organization's admin cannot reach the application by its name.
        assertError(api(SEAL.admin(), "GET", "/namespaces/" + live.namespace(STAMP) + "/applications/billing", null).then(), 403, "Forbidden");
        api(STAMP.viewer(), "GET", "/namespaces/" + live.namespace(STAMP) + "/applications", null).then().statusCode(200)
                .body("items.name", equalTo(List.of("billing")));
    }

    /** One request per ten seconds, no burst: the second at once is 429 with Retry-After, and after that wait it goes through. */
    private void aRateLimitRefusesThenRecovers() throws Exception {
        String applications = "/namespaces/" + live.namespace(STAMP) + "/applications";
        List<Map<String, Object>> scopes = List.of(Map.of("channel", CHANNEL, "app", "notarization", "operations", List.of("verify")));
        assertError(api(STAMP.admin(), "POST", applications, Map.of("name", "meter", "scopes", scopes, "rateLimit",
                Map.of("requestsPerSecond", 0, "burst", 0))).then(), 400, "BadRequest")
                .body("details.field", equalTo(List.of("rateLimit.requestsPerSecond", "rateLimit.burst")));
        api(STAMP.admin(), "POST", applications, Map.of("name", "meter", "scopes", scopes, "rateLimit",
                Map.of("requestsPerSecond", 0.1, "burst", 1))).then().statusCode(201)
                .body("rateLimit.requestsPerSecond", equalTo(0.1f)).body("rateLimit.burst", equalTo(1));
        var key = api(STAMP.admin(), "POST", applications + "/meter/keys", null);
        secrets.add(key.path("secret"));
        OpenApiClient meter = new OpenApiClient(base, key.path("accessKeyId"), key.path("secret"));
        byte[] probe = JSON.writeValueAsBytes(Map.of("digest", "34".repeat(32)));
        String verifications = channel(STAMP) + "/evidenceverifications";
        ok(meter.send("POST", verifications, "application/json", probe), 200);
        HttpResponse<String> limited = meter.send("POST", verifications, "application/json", probe);
        refused(limited, 429, "RateLimited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 10L);
        // Waiting what the answer says is the behaviour under test: by then a token is back, however busy the machine.
        Thread.sleep(retryAfter * 1000);
        ok(meter.send("POST", verifications, "application/json", probe), 200);
        KubeSphereFixtures.await(() -> {
            var usage = api(STAMP.viewer(), "GET", applications + "/meter/usage?days=1", null).then().statusCode(200).extract();
            return Integer.valueOf(1).equals(usage.path("totalItems")) && Integer.valueOf(3).equals(usage.path("items[0].calls"))
                    && Integer.valueOf(2).equals(usage.path("items[0].succeeded")) && Integer.valueOf(1).equals(usage.path("items[0].rateLimited"));
        }, TwoOrganizationChannel.BOUND, () -> "usage: " + api(STAMP.viewer(), "GET", applications + "/meter/usage", null).asString());
        assertError(api(STAMP.viewer(), "GET", applications + "/meter/usage?days=91", null).then(), 400, "BadRequest");
    }

    /** A chaincode scope names functions; read-only evaluates them and submits nothing. */
    private void aChaincodeFunctionIsEvaluatedWithinAReadOnlyScope() throws Exception {
        String applications = "/namespaces/" + live.namespace(STAMP) + "/applications";
        api(STAMP.admin(), "POST", applications, Map.of("name", "reader", "scopes", List.of(Map.of("channel", CHANNEL, "chaincode",
                "notarization", "functions", List.of("VerifyEvidence"), "access", "read-only")))).then().statusCode(201);
        var key = api(STAMP.admin(), "POST", applications + "/reader/keys", null);
        secrets.add(key.path("secret"));
        OpenApiClient reader = new OpenApiClient(base, key.path("accessKeyId"), key.path("secret"));
        String digest = RequestSignature.sha256Hex(("Invoice 7 of " + CHANNEL).getBytes(StandardCharsets.UTF_8));
        byte[] verify = JSON.writeValueAsBytes(Map.of("function", "VerifyEvidence", "arguments", List.of("SHA-256", digest)));
        JsonNode evaluated = ok(reader.send("POST", channel(STAMP) + "/chaincodes/notarization/evaluations", "application/json", verify), 200);
        JsonNode answer = JSON.readTree(evaluated.path("result").asText());
        assertThat(answer.path("exists").asBoolean()).as(evaluated.toString()).isTrue();
        assertThat(answer.path("ownerMspId").asText()).isEqualTo("StampMSP");
        assertThat(evaluated.has("txId")).as("an evaluation orders nothing").isFalse();
        refused(reader.send("POST", channel(STAMP) + "/chaincodes/notarization/submissions", "application/json", verify), 403, "OutOfScope");
        refused(reader.send("POST", channel(STAMP) + "/chaincodes/notarization/evaluations", "application/json",
                JSON.writeValueAsBytes(Map.of("function", "ReadEvidence", "arguments", List.of("SHA-256", digest)))), 403, "OutOfScope");
        refused(reader.send("POST", channel(STAMP) + "/chaincodes/notarization/evaluations", "application/json",
                JSON.writeValueAsBytes(Map.of("function", "VerifyEvidence", "transient", Map.of("x", "not base64!")))), 400, "BadRequest");
        refused(reader.send("POST", channel(STAMP) + "/chaincodes/notarization/evaluations", "text/plain", verify), 415,
                "UnsupportedMediaType");

        // Asset transfer's operations reach the app, which this channel has not enabled; a transfer is outside the scope.
        api(STAMP.admin(), "POST", applications, Map.of("name", "treasurer", "scopes", List.of(Map.of("channel", CHANNEL, "app",
                "asset-transfer", "operations", List.of("issue", "read"))))).then().statusCode(201);
        var treasuryKey = api(STAMP.admin(), "POST", applications + "/treasurer/keys", null);
        secrets.add(treasuryKey.path("secret"));
        OpenApiClient treasurer = new OpenApiClient(base, treasuryKey.path("accessKeyId"), treasuryKey.path("secret"));
        byte[] movement = JSON.writeValueAsBytes(Map.of("to", Map.of("mspId", "SealMSP", "clientId", "x509::CN=a::CN=b"), "amount", 5));
        refused(treasurer.send("GET", channel(STAMP) + "/assets/balances", null, null), 409, "AppNotEnabled");
        refused(treasurer.send("GET", channel(STAMP) + "/assets/movements?limit=5", null, null), 409, "AppNotEnabled");
        refused(treasurer.send("POST", channel(STAMP) + "/assets/issuances", "application/json", movement), 409, "AppNotEnabled");
        refused(treasurer.send("POST", channel(STAMP) + "/assets/transfers", "application/json", movement), 403, "OutOfScope");
    }

    private void theCallsAreLoggedAndNoSecretLeaks() throws Exception {
        String billing = "namespace = '" + live.namespace(STAMP) + "' AND application = 'billing'";
        // Logged in the background: waited for, each as often as it happened.
        KubeSphereFixtures.await(() -> count("SELECT count(*) FROM open_api_call WHERE " + billing + " AND reason = 'KeyDisabled'") == 1
                && count("SELECT count(*) FROM open_api_call WHERE " + billing + " AND reason = 'OutOfScope'") == 4
                && count("SELECT count(*) FROM open_api_call WHERE " + billing + " AND operation = 'notarization.notarize'"
                        + " AND status = 201 AND access_key_id IS NOT NULL AND latency_micros > 0") == 3,
                TwoOrganizationChannel.BOUND, () -> "the calls were not logged as made");
        assertThat(count("SELECT count(*) FROM open_api_call WHERE reason = 'SignatureMismatch' AND application IS NULL")).isPositive();
        Path log = Path.of("target/quarkus-test.log");
        String logged = Files.exists(log) ? Files.readString(log) : "";
        for (String secret : secrets) {
            assertThat(logged).doesNotContain(secret);
            answers.forEach(answer -> assertThat(answer).doesNotContain(secret));
        }
        // Sealed at rest: the database holds no secret, nor a piece of one.
        for (String secret : secrets) {
            assertThat(count("SELECT count(*) FROM application_key WHERE position(convert_to('" + secret.substring(0, 12)
                    + "', 'UTF8') in sealed_secret) > 0")).isZero();
        }
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private String channel(Organization organization) {
        return "/openapi/v1" + live.channelPath(organization);
    }

    private static String accessKeyOf(OpenApiClient.Signed signed) {
        return RequestSignature.parse(signed.headers().get("authorization")).orElseThrow().accessKeyId();
    }

    private JsonNode ok(HttpResponse<String> answer, int status) throws Exception {
        answers.add(answer.body());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private JsonNode refused(HttpResponse<String> answer, int status, String reason) throws Exception {
        JsonNode body = ok(answer, status);
        assertThat(body.path("reason").asText()).as(answer.body()).isEqualTo(reason);
        assertThat(body.path("code").asInt()).isEqualTo(status);
        return body;
    }

    private static io.restassured.response.Response api(String user, String method, String path, Object body) {
        return BaasApi.call(user, method, path, body);
    }
}
