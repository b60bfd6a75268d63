package io.baas.explorer;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.baas.crd.Channel;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.gateway.GatewayIdentity;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.organization.IdentityService;
import io.baas.organization.UserIdentity;
import io.baas.pki.Pem;
import io.baas.runtime.NodeRuntime;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.SandboxRuntimeProfile;
import io.baas.support.TestTokens;
import io.baas.support.TwoOrganizationChannel;
import io.baas.support.TwoOrganizationChannel.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/**
 * The explorer on the sandbox runtime, as a channel's members use it: notarizations committed
 * valid, one refused by MVCC (two endorsed before either committed) and one by the endorsement
 * policy (endorsed by one organization of two); the channel indexed from its genesis block; each
 * found by every query with its validation code; the index equal to the peer's ledger block for
 * block; the indexer's database session killed, more blocks committed, and the next run resuming
 * with no gap and no duplicate.
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class ExplorerStoryTest {

    static final String CHANNEL = "ledger-" + UUID.randomUUID().toString().substring(0, 8);
    static final Organization VELLUM = new Organization("vellum", "VellumMSP", "explorer-lead");
    static final Organization PARCH = new Organization("parch", "ParchMSP", "explorer-member");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    ExplorerIndexing indexing;

    @Inject
    IdentityService identities;

    @Inject
    NodeRuntime runtime;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.baas.k8s.build.PlatformSettings platform;

    @Inject
    io.baas.openapi.OpenApiServer openApi;

    TwoOrganizationChannel live;

    @Test
    void membersFindEveryTransactionWithItsOutcome() throws Exception {
        live = TwoOrganizationChannel.create(client, iam, migrator, VELLUM, PARCH, "scriptorium", CHANNEL);
        api(PARCH.admin(), "POST", "/builtinapps", Map.of("app", "notarization")).then().statusCode(201);
        live.approveAll("notarization", 1);
        KubeSphereFixtures.await(() -> "Ready".equals(api(PARCH.viewer(), "GET", "/builtinapps", null).then().statusCode(200).extract()
                .path("items.find { it.app == 'notarization' }.state")), TwoOrganizationChannel.BOUND, () -> "notarization not ready");

        Response viaApi = api(PARCH.admin(), "POST", "/evidences", Map.of("digest", digest("api"), "title", "through the API"));
        viaApi.then().statusCode(201);
        String valid = viaApi.path("txId");
        String conflicted;
        String underEndorsed;
        String channelId = channel().getSpec().channelId;
        try (Connected gateway = gateway(PARCH)) {
            Contract notarization = gateway.gateway().getNetwork(channelId).getContract("notarization");
            var first = notarization.newProposal("RecordEvidence").addArguments("SHA-256", digest("race"), "first", "{}").build().endorse();
            var second = notarization.newProposal("RecordEvidence").addArguments("SHA-256", digest("race"), "second", "{}").build().endorse();
            assertThat(first.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
            Status lost = second.submitAsync().getStatus();
            assertThat(lost.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
            conflicted = lost.getTransactionId();
            Status alone = notarization.newProposal("RecordEvidence").addArguments("SHA-256", digest("alone"), "alone", "{}")
                    .setEndorsingOrganizations(VELLUM.mspId()).build().endorse().submitAsync().getStatus();
            assertThat(alone.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            underEndorsed = alone.getTransactionId();
        }

        indexing.start(channel());
        long height = awaitIndexed(peerHeight());
        theOutcomesAreFoundByEveryQuery(valid, conflicted, underEndorsed, height);
        anApplicationReadsTheIndexThroughTheOpenApi(valid, height);
        theIndexEqualsTheLedger(height);
        theIndexersReadsAreOnRecord();
        theOverviewAndTheMetricsShowTheIndex();
        outsidersAndBadQueriesAreRefused(valid);
        aKilledIndexerResumesWithNoGapAndNoDuplicate();
        anExternalChannelIsBrowsedByPlatformAdmins(valid);
        whenThePeerReadFromStopsTheNextOneServes();
    }

    /**
     * The indexer reads from the first member's peer; that peer removed, its stream breaks and the
     * indexer goes on from the other member's peer at the same block (its read on record), still
     * Indexing, nothing lost.
     */
    private void whenThePeerReadFromStopsTheNextOneServes() throws Exception {
        long height = indexedHeight();
        long before = readsFrom("parch/peer0");
        client.resources(PeerNode.class).inNamespace(live.namespace(VELLUM)).withName("peer0").delete();
        KubeSphereFixtures.await(() -> readsFrom("parch/peer0") > before, TwoOrganizationChannel.BOUND,
                () -> "the indexer never read from parch/peer0");
        api(PARCH.viewer(), "GET", "/statistics", null).then().statusCode(200).body("index.state", equalTo("Indexing"))
                .body("index.height", equalTo((int) height));
    }

    private long readsFrom(String peer) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement uses = connection.prepareStatement("SELECT count(*) FROM key_use WHERE action = 'read-blocks'"
                     + " AND resource = ? AND detail LIKE ?")) {
            uses.setString(1, "namespaces/" + live.namespace(VELLUM) + "/channels/" + CHANNEL);
            uses.setString(2, "%from peer " + peer);
            var rows = uses.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same channel registered as an outside network's: a member's peer, a client identity of
     * that member and its genesis block as the trust; indexed like the platform's own; a trusted
     * block that is not the ledger's stops it at block 0; only platform admins register and read.
     */
    private void anExternalChannelIsBrowsedByPlatformAdmins(String valid) throws Exception {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.user("explorer-platform-admin");
        fixtures.globalRoleBinding("explorer-platform-admin", "platform-admin");
        String admin = "explorer-platform-admin";
        io.baas.pki.Identity reader = heldIdentity(PARCH, PARCH.admin());
        var peer = peer(PARCH);
        org.hyperledger.fabric.protos.common.Block genesis = io.baas.k8s.build.ChannelGenesisConfigMap.block(client.configMaps()
                .inNamespace(live.namespace(VELLUM)).withName(io.baas.k8s.build.ChannelGenesisConfigMap.name(channel().getSpec().channelId))
                .get()).orElseThrow();
        String name = "ext-" + CHANNEL;
        Map<String, Object> registration = new java.util.HashMap<>(Map.of("name", name, "channelId", channel().getSpec().channelId,
                "mspId", PARCH.mspId(), "certificate", reader.signing().certificatePem(), "privateKey", reader.signing().privateKeyPem(),
                "peers", List.of(Map.of("address", peer.host() + ":" + peer.port(),
                        "tlsCaCertificate", organization(PARCH).getStatus().tlsCaCertificate)),
                "trustedBlock", java.util.Base64.getEncoder().encodeToString(genesis.toByteArray())));

        assertError(BaasApi.call(PARCH.admin(), "POST", "/externalchannels", registration).then(), 403, "Forbidden");
        assertError(BaasApi.call(PARCH.admin(), "GET", "/externalchannels/" + name + "/blocks", null).then(), 403, "Forbidden");
        Map<String, Object> otherKey = new java.util.HashMap<>(registration);
        otherKey.put("privateKey", heldIdentity(VELLUM, VELLUM.admin()).signing().privateKeyPem());
        assertError(BaasApi.call(admin, "POST", "/externalchannels", otherKey).then(), 400, "BadRequest");
        Map<String, Object> notABlock = new java.util.HashMap<>(registration);
        notABlock.put("trustedBlock", "bm90IGEgYmxvY2s=");
        assertError(BaasApi.call(admin, "POST", "/externalchannels", notABlock).then(), 400, "BadRequest");
        Map<String, Object> otherChannel = new java.util.HashMap<>(registration);
        otherChannel.put("channelId", "another");
        assertError(BaasApi.call(admin, "POST", "/externalchannels", otherChannel).then(), 400, "BadRequest");

        String answer = BaasApi.call(admin, "POST", "/externalchannels", registration).then().statusCode(201)
                .body("kind", equalTo("external")).body("status.state", equalTo("Indexing")).extract().asString();
        assertError(BaasApi.call(admin, "POST", "/externalchannels", registration).then(), 409, "Conflict");
        var held = client.secrets().inNamespace(platformNamespace()).withName("baas-explorer-" + name).get();
        assertThat(held.getData()).containsKey("privateKey");
        indexing.startExternal(name);
        KubeSphereFixtures.await(() -> ((Number) BaasApi.call(admin, "GET", "/externalchannels/" + name + "/statistics", null).then()
                .statusCode(200).extract().path("index.height")).longValue() == peerHeight(), TwoOrganizationChannel.BOUND,
                () -> "external channel not indexed");
        BaasApi.call(admin, "GET", "/externalchannels/" + name + "/search?q=" + valid, null).then().statusCode(200)
                .body("transaction.validationCode", equalTo("VALID"));
        BaasApi.call(admin, "GET", "/externalchannels/" + name + "/transactions?status=invalid", null).then().statusCode(200)
                .body("totalItems", equalTo(2));

        // The registered key is in its Secret only: not in any answer, event, log, the audit trail or the index.
        io.baas.support.KeyLeakScanner.assertNoKeyLeaks(client, List.of(answer,
                BaasApi.call(admin, "GET", "/externalchannels", null).then().statusCode(200).extract().asString(),
                BaasApi.call(admin, "GET", "/externalchannels/" + name, null).then().statusCode(200).extract().asString()));
        String keyLine = reader.signing().privateKeyPem().lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement rows = connection.prepareStatement("SELECT (SELECT count(*) FROM audit_log a WHERE a::text LIKE ?)"
                     + " + (SELECT count(*) FROM explorer_channel c WHERE c::text LIKE ?)")) {
            rows.setString(1, "%" + keyLine + "%");
            rows.setString(2, "%" + keyLine + "%");
            var found = rows.executeQuery();
            found.next();
            assertThat(found.getLong(1)).as("rows of audit_log and explorer_channel holding the key").isZero();
        }

        // A trust that is not this ledger's block 0 (one header field changed) stops the channel where it starts.
        Map<String, Object> forged = new java.util.HashMap<>(registration);
        forged.put("name", "forged-" + CHANNEL);
        forged.put("trustedBlock", java.util.Base64.getEncoder().encodeToString(genesis.toBuilder()
                .setHeader(genesis.getHeader().toBuilder().setPreviousHash(com.google.protobuf.ByteString.copyFromUtf8("elsewhere"))).build()
                .toByteArray()));
        BaasApi.call(admin, "POST", "/externalchannels", forged).then().statusCode(201);
        indexing.startExternal("forged-" + CHANNEL);
        KubeSphereFixtures.await(() -> "Degraded".equals(BaasApi.call(admin, "GET", "/externalchannels/forged-" + CHANNEL, null).then()
                .statusCode(200).extract().path("status.state")), TwoOrganizationChannel.BOUND, () -> "the forged trust was not refused");
        assertThat(serviceMetrics()).containsPattern(series("baas_explorer_chain_breaks_total", "forged-" + CHANNEL) + " 1\\.0$");
        BaasApi.call(admin, "GET", "/externalchannels/forged-" + CHANNEL, null).then().body("status.degradedBlock", equalTo(0))
                .body("status.blocks", equalTo(0));

        for (String registered : List.of(name, "forged-" + CHANNEL)) {
            long id = ((Number) BaasApi.call(admin, "GET", "/externalchannels/" + registered, null).then().statusCode(200).extract()
                    .path("id")).longValue();
            BaasApi.call(admin, "DELETE", "/externalchannels/" + registered, null).then().statusCode(204);
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement left = connection.prepareStatement("SELECT (SELECT count(*) FROM explorer_block WHERE channel = ?)"
                         + " + (SELECT count(*) FROM explorer_transaction WHERE channel = ?)"
                         + " + (SELECT count(*) FROM explorer_written_key WHERE channel = ?)")) {
                for (int i = 1; i <= 3; i++) {
                    left.setLong(i, id);
                }
                var rows = left.executeQuery();
                rows.next();
                assertThat(rows.getLong(1)).as("rows left of deleted external channel " + registered).isZero();
            }
            assertError(BaasApi.call(admin, "GET", "/externalchannels/" + registered, null).then(), 404, "NotFound");
            assertThat(client.secrets().inNamespace(platformNamespace()).withName("baas-explorer-" + registered).get()).isNull();
        }
    }

    private io.baas.pki.Identity heldIdentity(Organization organization, String user) {
        identities.userIdentity(organization(organization), user);
        return client.secrets().inNamespace(platformNamespace()).withLabels(io.baas.pki.k8s.IdentitySecret.selector(organization.name()))
                .list().getItems().stream().map(io.baas.pki.k8s.IdentitySecret::read)
                .filter(identity -> identity.name().equals(UserIdentity.nameFor(user))).findFirst().orElseThrow();
    }

    private String platformNamespace() {
        return platform.serviceNamespace();
    }

    private void theOutcomesAreFoundByEveryQuery(String valid, String conflicted, String underEndorsed, long height) {
        for (Map.Entry<String, String> outcome : Map.of(valid, "VALID", conflicted, "MVCC_READ_CONFLICT",
                underEndorsed, "ENDORSEMENT_POLICY_FAILURE").entrySet()) {
            String txId = outcome.getKey();
            api(PARCH.viewer(), "GET", "/search?q=" + txId, null).then().statusCode(200).body("kind", equalTo("transaction"))
                    .body("transaction.validationCode", equalTo(outcome.getValue()));
            Response detail = api(PARCH.viewer(), "GET", "/transactions/" + txId, null);
            detail.then().statusCode(200).body("transaction.txId", equalTo(txId)).body("transaction.chaincode", equalTo("notarization"))
                    .body("transaction.function", equalTo("RecordEvidence")).body("transaction.creatorMspId", equalTo("ParchMSP"))
                    .body("transaction.validationCode", equalTo(outcome.getValue())).body("arguments[0]", equalTo("RecordEvidence"))
                    .body("readWriteSets.find { it.namespace == 'notarization' }.writes.key", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("\u0000evidence\u0000SHA-256\u0000")));
            int block = detail.path("transaction.block");
            api(PARCH.viewer(), "GET", "/blocks/" + block, null).then().statusCode(200)
                    .body("transactions.find { it.txId == '" + txId + "' }.validationCode", equalTo(outcome.getValue()));
            // The block's transactions come paged in block order: a page of one at the transaction's index holds it alone.
            int index = detail.path("transaction.index");
            api(PARCH.viewer(), "GET", "/blocks/" + block + "?limit=1&page=" + (index + 1), null).then().statusCode(200)
                    .body("transactions.txId", equalTo(List.of(txId)));
            String hash = api(PARCH.viewer(), "GET", "/blocks/" + block, null).path("block.headerHash");
            api(PARCH.viewer(), "GET", "/blocks?hash=" + hash, null).then().statusCode(200).body("items[0].number", equalTo(block));
            api(PARCH.viewer(), "GET", "/search?q=" + block, null).then().statusCode(200).body("kind", equalTo("block"))
                    .body("block.number", equalTo(block));
        }
        api(PARCH.viewer(), "GET", "/transactions/" + underEndorsed, null).then()
                .body("endorsements.mspId", equalTo(List.of(VELLUM.mspId())));
        List<String> invalid = api(PARCH.viewer(), "GET", "/transactions?status=invalid&chaincode=notarization", null).then().statusCode(200)
                .extract().path("items.txId");
        assertThat(invalid).containsExactly(underEndorsed, conflicted);
        List<String> byParch = api(PARCH.viewer(), "GET", "/transactions?creator=ParchMSP&chaincode=notarization&limit=100", null)
                .then().statusCode(200).extract().path("items.txId");
        assertThat(byParch).contains(valid, conflicted, underEndorsed);
        api(PARCH.viewer(), "GET", "/transactions?creator=VellumMSP&chaincode=notarization", null).then().statusCode(200)
                .body("totalItems", equalTo(0));

        // A composite key's history: the key in the query, its U+0000 separators as %00, which no path may carry.
        String evidenceKey = api(PARCH.viewer(), "GET", "/transactions/" + valid, null).path(
                "readWriteSets.find { it.namespace == 'notarization' }.writes.find { it.key.startsWith('\u0000evidence\u0000') }.key");
        String keyQuery = java.net.URLEncoder.encode(evidenceKey, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(keyQuery).startsWith("%00evidence%00SHA-256%00");
        List<String> writes = api(PARCH.viewer(), "GET", "/keys/notarization/history?key=" + keyQuery, null).then().statusCode(200)
                .extract().path("items.txId");
        assertThat(writes).contains(valid).doesNotContain(conflicted, underEndorsed);
        api(PARCH.viewer(), "GET", "/keys/notarization/" + keyQuery + "/history", null).then().statusCode(400)
                .body("reason", equalTo("NonCanonicalPath"));
        api(PARCH.viewer(), "GET", "/keys/notarization/history", null).then().statusCode(400).body("details[0].field", equalTo("key"));
        // The transactions that wrote it, by the same index: the key with its chaincode, never alone.
        assertThat(api(PARCH.viewer(), "GET", "/transactions?chaincode=notarization&key=" + keyQuery, null).then().statusCode(200)
                .extract().<List<String>>path("items.txId")).contains(valid);
        assertError(api(PARCH.viewer(), "GET", "/transactions?key=" + keyQuery, null).then(), 400, "BadRequest")
                .body("details[0].field", equalTo("chaincode"));

        Response page = api(PARCH.viewer(), "GET", "/blocks?limit=2&page=2", null);
        page.then().statusCode(200).body("totalItems", equalTo((int) height));
        assertThat(page.<List<Integer>>path("items.number")).containsExactly((int) height - 3, (int) height - 4);
        Response statistics = api(VELLUM.admin(), "GET", "/statistics?window=24h", null, VELLUM);
        statistics.then().statusCode(200).body("index.state", equalTo("Indexing")).body("index.height", equalTo((int) height))
                .body("index.invalidTransactions", equalTo(2)).body("step", equalTo("hour"))
                .body("byChaincode.find { it.name == 'notarization' }.transactions", equalTo(4));
        assertThat(statistics.<List<String>>path("byOrganization.name")).contains("ParchMSP");
    }

    /** Every block the index holds has the header hash of the peer's block of that number, and none is missing. */
    private void theIndexEqualsTheLedger(long height) throws Exception {
        var peer = peer(VELLUM);
        UserIdentity reader = identities.userIdentity(organization(VELLUM), ExplorerIndexing.READER);
        try (PeerAdminClient qscc = new PeerAdminClient(peer.host(), peer.port(), peer.tlsCas(), Duration.ofSeconds(30), Clock.systemUTC())) {
            for (long number = 0; number < height; number++) {
                String indexed = api(PARCH.viewer(), "GET", "/blocks/" + number, null).then().statusCode(200).extract().path("block.headerHash");
                var block = qscc.block(reader.signer(), channel().getSpec().channelId, number);
                assertThat(indexed).as("block " + number)
                        .isEqualTo(HexFormat.of().formatHex(io.baas.fabric.block.BlockHashes.headerHash(block.getHeader()).toByteArray()));
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*), count(DISTINCT number) FROM explorer_block b"
                     + " JOIN explorer_channel c ON c.id = b.channel WHERE c.source = ?")) {
            count.setString(1, ExplorerIndexing.source(channel()));
            var rows = count.executeQuery();
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(height).isEqualTo(rows.getLong(2));
        }
    }

    /** Each block stream the indexer opened signed with the explorer's held client identity: the key's use is recorded. */
    private void theIndexersReadsAreOnRecord() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement uses = connection.prepareStatement("SELECT count(*) FROM key_use WHERE action = 'read-blocks'"
                     + " AND actor = ? AND resource = ? AND organization IN ('vellum', 'parch')")) {
            uses.setString(1, ExplorerIndexing.READER);
            uses.setString(2, "namespaces/" + live.namespace(VELLUM) + "/channels/" + CHANNEL);
            var rows = uses.executeQuery();
            rows.next();
            assertThat(rows.getLong(1)).isPositive();
        }
    }

    private void outsidersAndBadQueriesAreRefused(String valid) {
        // Another workspace's admin cannot read this organization's channel, not even by its path.
        assertError(api(VELLUM.admin(), "GET", "/transactions/" + valid, null).then(), 403, "Forbidden");
        assertError(api(PARCH.viewer(), "GET", "/transactions/" + "0".repeat(64), null).then(), 404, "NotFound");
        assertError(api(PARCH.viewer(), "GET", "/search?q=" + "f".repeat(64), null).then(), 404, "NotFound");
        assertError(api(PARCH.viewer(), "GET", "/blocks/99999999", null).then(), 404, "NotFound");
        assertError(api(PARCH.viewer(), "GET", "/blocks/first", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/blocks/0?limit=0", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/blocks/0?limit=101", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/blocks/0?page=0", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/blocks?limit=0", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/blocks?limit=101", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/blocks?hash=nothex", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/transactions?status=pending", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/transactions?from=yesterday", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/statistics?window=99d", null).then(), 400, "BadRequest");
        assertError(api(PARCH.viewer(), "GET", "/search?q=", null).then(), 400, "BadRequest");
        assertError(given().header("Authorization", TestTokens.bearer(PARCH.viewer())).when()
                .get(BaasApi.PREFIX + "/namespaces/" + live.namespace(PARCH) + "/channels/elsewhere/blocks").then(), 404, "NotFound");
    }

    /** The indexer's database session ends under it; blocks committed meanwhile are indexed by the next run, each once. */
    private void aKilledIndexerResumesWithNoGapAndNoDuplicate() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement kill = connection.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()")) {
            kill.setString(1, ExplorerIndexing.APPLICATION_NAME);
            var killed = kill.executeQuery();
            killed.next();
            assertThat(killed.getLong(1)).as("the indexer's session, killed").isEqualTo(1);
        }
        for (String title : List.of("after-1", "after-2", "after-3")) {
            api(PARCH.admin(), "POST", "/evidences", Map.of("digest", digest(title), "title", title)).then().statusCode(201);
        }
        KubeSphereFixtures.await(() -> {
            indexing.start(channel());
            return indexedHeight() == peerHeight();
        }, TwoOrganizationChannel.BOUND, () -> "the index stayed at " + indexedHeight() + " of " + peerHeight());
        theIndexEqualsTheLedger(indexedHeight());
    }

    /**
     * The consortium's overview dates the channel's last block as the index has it, and the
     * service's /q/metrics carries the explorer's series the alerts query: its lag, and its breaks
     * from zero (a series before the first break, so a rate over it means something).
     */
    private void theOverviewAndTheMetricsShowTheIndex() {
        String newest = api(PARCH.viewer(), "GET", "/blocks?limit=1", null).then().statusCode(200).extract().path("items[0].createdAt");
        assertThat(newest).isNotNull();
        String overview = "/workspaces/" + VELLUM.workspace() + "/consortia/" + live.consortium() + "/overview";
        String dated = BaasApi.call(VELLUM.admin(), "GET", overview, null).then().statusCode(200).extract()
                .path("channels.find { it.name == '" + live.channel() + "' }.lastBlockTime");
        assertThat(java.time.Instant.parse(dated)).isEqualTo(java.time.Instant.parse(newest));

        String metrics = serviceMetrics();
        assertThat(metrics).containsPattern(series("baas_explorer_chain_breaks_total", ExplorerIndexing.source(channel())) + " 0\\.0$");
        assertThat(metrics).containsPattern(series("baas_explorer_blocks_behind", ExplorerIndexing.source(channel())) + " \\d");
    }

    private static String serviceMetrics() {
        return io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A Prometheus series line's start: the name, then labels among which the channel's. */
    private static String series(String name, String channel) {
        return "(?m)^" + name + "\\{[^}]*channel=\"" + java.util.regex.Pattern.quote(channel) + "\"[^}]*}";
    }

    private long awaitIndexed(long height) {
        KubeSphereFixtures.await(() -> indexedHeight() >= height, TwoOrganizationChannel.BOUND, () -> "index at " + indexedHeight());
        return indexedHeight();
    }

    private long indexedHeight() {
        return ((Number) api(PARCH.viewer(), "GET", "/statistics", null).then().statusCode(200).extract().path("index.height")).longValue();
    }

    private long peerHeight() {
        var peer = peer(VELLUM);
        UserIdentity reader = identities.userIdentity(organization(VELLUM), ExplorerIndexing.READER);
        try (PeerAdminClient qscc = new PeerAdminClient(peer.host(), peer.port(), peer.tlsCas(), Duration.ofSeconds(30), Clock.systemUTC())) {
            return qscc.chainInfo(reader.signer(), channel().getSpec().channelId).getHeight();
        }
    }

    private Channel channel() {
        return client.resources(Channel.class).inNamespace(live.namespace(VELLUM)).withName(CHANNEL).get();
    }

    private io.baas.crd.Organization organization(Organization organization) {
        return client.resources(io.baas.crd.Organization.class).withName(organization.name()).get();
    }

    private io.baas.fabric.gateway.GatewayPeer peer(Organization organization) {
        PeerNode node = client.resources(PeerNode.class).inNamespace(live.namespace(organization)).withName("peer0").get();
        var address = runtime.peerAddress(node).orElseThrow();
        return new io.baas.fabric.gateway.GatewayPeer(address.host(), address.port(),
                Pem.certificates(organization(organization).getStatus().tlsCaCertificate));
    }

    /** fabric-gateway as an application of the organization would use it, with the client identity the platform holds for its admin. */
    private Connected gateway(Organization organization) {
        var peer = peer(organization);
        UserIdentity user = identities.userIdentity(organization(organization), organization.admin());
        ManagedChannel grpc = NettyChannelBuilder.forAddress(peer.host(), peer.port(),
                TlsChannelCredentials.newBuilder().trustManager(io.baas.fabric.tls.TlsMaterial.trustManagers(peer.tlsCas())).build()).build();
        Gateway gateway = Gateway.newInstance().identity(GatewayIdentity.identity(user.signer())).signer(GatewayIdentity.signer(user.signer()))
                .hash(Hash.NONE).connection(grpc).evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS)).submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(2, TimeUnit.MINUTES)).connect();
        return new Connected(gateway, grpc);
    }

    /** A gateway and the gRPC channel it runs on, closed together. */
    private record Connected(Gateway gateway, ManagedChannel grpc) implements AutoCloseable {
        @Override
        public void close() {
            gateway.close();
            grpc.shutdownNow();
        }
    }

    private static String digest(String seed) {
        return HexFormat.of().formatHex(io.baas.fabric.Sha256.digest((CHANNEL + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toByteArray());
    }

    /** An application with any scope on the channel reads the same index entries as a member through the console API. */
    private void anApplicationReadsTheIndexThroughTheOpenApi(String valid, long height) throws Exception {
        String applications = BaasApi.PREFIX + "/namespaces/" + live.namespace(PARCH) + "/applications";
        given().header("Authorization", TestTokens.bearer(PARCH.admin())).contentType("application/json").body(Map.of("name", "auditor",
                "scopes", List.of(Map.of("channel", CHANNEL, "app", "notarization", "operations", List.of("verify"))))).post(applications)
                .then().statusCode(201);
        Response key = given().header("Authorization", TestTokens.bearer(PARCH.admin())).post(applications + "/auditor/keys");
        key.then().statusCode(201);
        io.baas.openapi.OpenApiClient auditor = new io.baas.openapi.OpenApiClient(java.net.URI.create("http://127.0.0.1:" + openApi.port()),
                key.path("accessKeyId"), key.path("secret"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String openChannel = "/openapi/v1" + live.channelPath(PARCH);
        for (String path : List.of("/transactions/" + valid, "/blocks/" + (height - 1), "/blocks/0", "/blocks/" + (height - 1) + "?limit=1")) {
            java.net.http.HttpResponse<String> signed = auditor.send("GET", openChannel + path, null, null);
            assertThat(signed.statusCode()).as(path + ": " + signed.body()).isEqualTo(200);
            assertThat(json.readTree(signed.body())).as(path).isEqualTo(json.readTree(api(PARCH.viewer(), "GET", path, null).then()
                    .statusCode(200).extract().asString()));
        }
        assertThat(auditor.send("GET", openChannel + "/blocks/0?limit=101", null, null).statusCode()).isEqualTo(400);
        java.net.http.HttpResponse<String> elsewhere = auditor.send("GET", "/openapi/v1/namespaces/" + live.namespace(PARCH)
                + "/channels/elsewhere/blocks/0", null, null);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(json.readTree(elsewhere.body()).path("reason").asText()).isEqualTo("OutOfScope");
        given().header("Authorization", TestTokens.bearer(PARCH.admin())).delete(applications + "/auditor").then().statusCode(204);
    }

    private Response api(String user, String method, String path, Object body) {
        return api(user, method, path, body, PARCH);
    }

    private Response api(String user, String method, String path, Object body, Organization from) {
        var request = given().urlEncodingEnabled(false).header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().request(method, BaasApi.PREFIX + live.channelPath(from) + path);
    }
}
