package io.baas.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.agroal.api.AgroalDataSource;
import io.baas.crd.Channel;
import io.baas.crd.Condition;
import io.baas.fabric.Fixtures;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.KubeSphereFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer over real Fabric 2.5.5 blocks (testdata/fabric-2.5.5, as peer0.org1 delivered
 * them): every block verified from the channel's genesis block and indexed as facts.json
 * describes it; a changed byte or a forged orderer signature stops the channel as Degraded; a
 * run that dies halfway resumes from its checkpoint with no gap and no duplicate; a second
 * indexer of the same channel does not start.
 */
@QuarkusTest
class ExplorerIndexTest {

    private static final int HEIGHT = 12;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    io.fabric8.kubernetes.client.KubernetesClient client;

    @Inject
    io.baas.iam.kubesphere.KubeSphereIam iam;

    @Inject
    ExplorerIndexing indexing;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.username")
    String username;

    private Connection connection;
    private IndexStore store;
    private IndexedChannel channel;

    @BeforeEach
    void register() throws Exception {
        KubeSphereFixtures.await(migrator::migrated);
        connection = dataSource.getConnection();
        store = new IndexStore(connection);
        channel = store.register(IndexedChannel.CONSORTIUM, "fixture/" + UUID.randomUUID(), "mychannel",
                Block.parseFrom(Fixtures.bytes("config/mychannel-genesis.block")));
    }

    /** Every test's ledger is removed as a platform admin's deletion removes one: nothing of it is left. */
    @AfterEach
    void remove() throws SQLException {
        store.remove(channel.id());
        for (String table : List.of("explorer_block", "explorer_transaction", "explorer_written_key", "explorer_transaction_count",
                "explorer_activity")) {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE channel = ?")) {
                count.setLong(1, channel.id());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).as(table + " rows left of a removed ledger").isZero();
                }
            }
        }
        assertThat(store.find(channel.kind(), channel.source())).isEmpty();
        connection.close();
    }

    @Test
    void everyFixtureBlockIsIndexedAsTheFactsDescribeIt() throws Exception {
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);

        ExplorerQueries queries = new ExplorerQueries(dataSource);
        IndexedChannel indexed = queries.channel(channel.kind(), channel.source()).orElseThrow();
        JsonNode facts = Fixtures.facts();
        assertThat(indexed.state()).isEqualTo(IndexedChannel.State.Indexing);
        assertThat(indexed.nextBlock()).isEqualTo(facts.path("height").asLong());
        assertThat(indexed.blockCount()).isEqualTo(HEIGHT);
        assertThat(indexed.txCount()).isEqualTo(facts.path("transactions_summary").size());
        assertThat(indexed.txCount() - indexed.validTxCount()).isEqualTo(facts.path("invalid_transactions").size());

        for (JsonNode block : facts.path("blocks")) {
            ExplorerViews.BlockDetail detail = queries.block(indexed, block.path("number").asLong(), 1, 100).orElseThrow();
            assertThat(detail.block().headerHash()).isEqualTo(block.path("header").path("header_hash_hex").asText());
            assertThat(detail.block().previousHash()).isEqualTo(block.path("header").path("previous_hash_hex").asText());
            assertThat(detail.block().dataHash()).isEqualTo(block.path("header").path("data_hash_hex").asText());
            assertThat(detail.block().sizeBytes()).isEqualTo(block.path("size_bytes").asInt());
            assertThat(detail.transactions()).hasSize(block.path("tx_count").asInt());
            assertThat(queries.blockByHash(indexed, ExplorerQueries.hash(block.path("header").path("header_hash_b64").asText()).orElseThrow()))
                    .map(ExplorerViews.BlockSummary::number).contains(block.path("number").asLong());
        }
        String lastHash = facts.path("hash_chain").path("last_header_hash_b64").asText();
        assertThat(queries.search(indexed, lastHash)).map(r -> r.block().number()).contains((long) HEIGHT - 1);

        for (JsonNode fact : facts.path("transactions_summary")) {
            // Each transaction as the one row of its own page of the block: pages follow the block's order.
            ExplorerViews.TransactionSummary tx = queries.block(indexed, fact.path("block").asLong(), fact.path("tx_index").asInt() + 1, 1)
                    .orElseThrow().transactions().get(0);
            assertThat(tx.txId()).isEqualTo(fact.path("tx_id").asText());
            assertThat(tx.type()).isEqualTo(fact.path("type").asText());
            assertThat(tx.creatorMspId()).isEqualTo(fact.path("creator_mspid").isNull() ? null : fact.path("creator_mspid").asText());
            if (!fact.path("creator_cn").isNull()) {
                assertThat(tx.creatorSubject()).contains("CN=" + fact.path("creator_cn").asText());
            }
            assertThat(tx.chaincode()).isEqualTo(fact.path("chaincode").isNull() ? null : fact.path("chaincode").asText());
            assertThat(tx.function()).isEqualTo(fact.path("function").isNull() ? null : fact.path("function").asText());
            assertThat(tx.validationCode()).isEqualTo(fact.path("validation_code_name").asText());
            Set<String> endorsers = new HashSet<>();
            fact.path("endorsers").forEach(e -> endorsers.add(e.asText()));
            assertThat(new HashSet<>(tx.endorsers())).isEqualTo(endorsers);
            if (!tx.txId().isEmpty()) {
                ExplorerViews.TransactionDetail detail = queries.transaction(indexed, tx.txId()).orElseThrow();
                assertThat(detail.transaction()).isEqualTo(tx);
                List<String> arguments = new ArrayList<>();
                fact.path("args").forEach(a -> arguments.add(a.asText()));
                assertThat(detail.arguments()).isEqualTo(arguments);
                assertThat(detail.endorsements()).extracting(ExplorerViews.Endorsement::mspId).containsExactlyInAnyOrderElementsOf(endorsers);
                assertThat(queries.search(indexed, tx.txId())).map(r -> r.transaction().txId()).contains(tx.txId());
            }
        }

        // Unfiltered: the channel's counter is the total; newest first.
        var newest = queries.transactions(indexed, new ExplorerQueries.TransactionFilter(null, null, null, null, null, null), 1, 3);
        assertThat(newest.total()).isEqualTo(facts.path("transactions_summary").size());
        assertThat(newest.items()).extracting(ExplorerViews.TransactionSummary::block).containsExactly(11L, 10L, 10L);
        assertThat(newest.items()).extracting(ExplorerViews.TransactionSummary::index).containsExactly(0, 1, 0);

        // The invalid ones by status, and what the valid ones did to key "a" of chaincode simple.
        var invalid = queries.transactions(indexed, new ExplorerQueries.TransactionFilter(null, null, false, null, null, null), 1, 10);
        assertThat(invalid.items()).extracting(ExplorerViews.TransactionSummary::validationCode)
                .containsExactly("ENDORSEMENT_POLICY_FAILURE", "MVCC_READ_CONFLICT");
        // By status alone the totals are the channel's counters; with another filter, counted.
        assertThat(invalid.total()).isEqualTo(facts.path("invalid_transactions").size());
        var valid = queries.transactions(indexed, new ExplorerQueries.TransactionFilter(null, null, true, null, null, null), 1, 100);
        assertThat(valid.total()).isEqualTo(valid.items().size()).isEqualTo(indexed.validTxCount())
                .isEqualTo(facts.path("transactions_summary").size() - facts.path("invalid_transactions").size());
        assertThat(valid.items()).allSatisfy(tx -> assertThat(tx.valid()).isTrue());
        var invalidOfSimple = queries.transactions(indexed, new ExplorerQueries.TransactionFilter("simple", null, false, null, null, null), 1, 10);
        assertThat(invalidOfSimple.total()).isEqualTo(invalidOfSimple.items().size())
                .isEqualTo(invalid.items().stream().filter(tx -> "simple".equals(tx.chaincode())).count());
        var writesOfA = queries.transactions(indexed, new ExplorerQueries.TransactionFilter("simple", null, null, null, null, "a"), 1, 50);
        var historyOfA = queries.keyHistory(indexed, "simple", "a", 1, 50);
        assertThat(historyOfA.total()).isEqualTo(writesOfA.items().stream().filter(ExplorerViews.TransactionSummary::valid).count());
        assertThat(historyOfA.items()).isNotEmpty().allSatisfy(change -> assertThat(change.delete()).isFalse());
        assertThat(writesOfA.items()).anySatisfy(tx -> assertThat(tx.valid()).isFalse());
        assertThat(writesOfA.total()).isEqualTo(writesOfA.items().size());
        assertThat(writesOfA.items()).isSortedAccordingTo(java.util.Comparator.comparingLong(ExplorerViews.TransactionSummary::block)
                .thenComparingInt(ExplorerViews.TransactionSummary::index).reversed());
        // Paged one by one, the same transactions; past the end, none, with the total still told; with a status, only those.
        List<ExplorerViews.TransactionSummary> writersOneByOne = new ArrayList<>();
        for (int page = 1; page <= writesOfA.total() + 1; page++) {
            var single = queries.transactions(indexed, new ExplorerQueries.TransactionFilter("simple", null, null, null, null, "a"), page, 1);
            assertThat(single.total()).isEqualTo(writesOfA.total());
            writersOneByOne.addAll(single.items());
        }
        assertThat(writersOneByOne).isEqualTo(writesOfA.items());
        var invalidWritesOfA = queries.transactions(indexed, new ExplorerQueries.TransactionFilter("simple", null, false, null, null, "a"), 1, 50);
        assertThat(invalidWritesOfA.items()).isEqualTo(writesOfA.items().stream().filter(tx -> !tx.valid()).toList());
        assertThat(invalidWritesOfA.total()).isEqualTo(invalidWritesOfA.items().size());
        assertThat(queries.transactions(indexed, new ExplorerQueries.TransactionFilter("simple", null, null, null, null, "never-written"), 1, 5)
                .total()).isZero();
        // Paged one by one, the same changes in the same order; past the end, none, with the total still told.
        List<ExplorerViews.KeyChange> oneByOne = new ArrayList<>();
        for (int page = 1; page <= historyOfA.total(); page++) {
            var single = queries.keyHistory(indexed, "simple", "a", page, 1);
            assertThat(single.total()).isEqualTo(historyOfA.total());
            oneByOne.addAll(single.items());
        }
        assertThat(oneByOne).isEqualTo(historyOfA.items());
        var pastTheEnd = queries.keyHistory(indexed, "simple", "a", (int) historyOfA.total() + 1, 1);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(historyOfA.total());
        var neverWritten = queries.keyHistory(indexed, "simple", "never-written", 1, 20);
        assertThat(neverWritten.items()).isEmpty();
        assertThat(neverWritten.total()).isZero();
        ExplorerViews.TransactionDetail lastValid = queries.transaction(indexed, historyOfA.items().get(0).txId()).orElseThrow();
        assertThat(lastValid.readWriteSets()).flatExtracting(ExplorerViews.ReadWriteSet::writes)
                .anySatisfy(write -> assertThat(write).isEqualTo(new ExplorerViews.Write("a",
                        false, facts.path("final_state_simple").path("a").asText(), null)));
    }

    /**
     * The totals of filtered lists and the statistics come from the counts and minutes the indexer
     * keeps, and answer what counting the rows would.
     */
    @Test
    void totalsAndStatisticsFromTheKeptCountsAreWhatCountingTheRowsGives() throws Exception {
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        ExplorerQueries queries = new ExplorerQueries(dataSource);
        IndexedChannel indexed = queries.channel(channel.kind(), channel.source()).orElseThrow();
        JsonNode facts = Fixtures.facts();
        assertCountsAreTheRows();

        // By one chaincode or one creator (and status), as many as the facts have and the lists list.
        for (JsonNode fact : facts.path("transactions_summary")) {
            for (boolean byChaincode : new boolean[] {true, false}) {
                String value = fact.path(byChaincode ? "chaincode" : "creator_mspid").asText(null);
                if (value == null) {
                    continue;
                }
                long all = 0;
                long validOnes = 0;
                for (JsonNode other : facts.path("transactions_summary")) {
                    if (value.equals(other.path(byChaincode ? "chaincode" : "creator_mspid").asText(null))) {
                        all++;
                        validOnes += "VALID".equals(other.path("validation_code_name").asText()) ? 1 : 0;
                    }
                }
                for (Boolean status : new Boolean[] {null, true, false}) {
                    var filter = byChaincode ? new ExplorerQueries.TransactionFilter(value, null, status, null, null, null)
                            : new ExplorerQueries.TransactionFilter(null, value, status, null, null, null);
                    var listed = queries.transactions(indexed, filter, 1, 100);
                    long expected = status == null ? all : status ? validOnes : all - validOnes;
                    assertThat(listed.total()).as(value + " " + status).isEqualTo(expected).isEqualTo(listed.items().size());
                }
            }
        }
        assertThat(queries.transactions(indexed, new ExplorerQueries.TransactionFilter("never-deployed", null, null, null, null, null), 1, 10)
                .total()).isZero();

        // Statistics from the indexer's minutes and the rows at a window's edges, as the rows alone count them: windows of
        // whole minutes, with partial first or last minutes, within one minute, and bounded by transactions' own times.
        List<Instant> times = new ArrayList<>();
        for (JsonNode fact : facts.path("transactions_summary")) {
            times.add(queries.block(indexed, fact.path("block").asLong(), fact.path("tx_index").asInt() + 1, 1).orElseThrow()
                    .transactions().get(0).createdAt());
        }
        times.sort(null);
        Instant first = times.get(0);
        Instant last = times.get(times.size() - 1);
        assertThat(first.truncatedTo(ChronoUnit.MINUTES)).as("the fixture spans more than one minute")
                .isBefore(last.truncatedTo(ChronoUnit.MINUTES));
        Instant boundary = last.truncatedTo(ChronoUnit.MINUTES);
        List<Instant[]> windows = List.of(
                new Instant[] {first.minus(Duration.ofHours(1)), last.plus(Duration.ofHours(1))},
                new Instant[] {boundary.minusSeconds(30), boundary.plusSeconds(5)},
                new Instant[] {boundary.minusSeconds(30), boundary.plusSeconds(60)},
                new Instant[] {boundary.minusSeconds(60), boundary.plusSeconds(5)},
                new Instant[] {times.get(3), times.get(times.size() - 2)},
                new Instant[] {times.get(3), times.get(3)},
                new Instant[] {last.plusSeconds(1), last.plus(Duration.ofDays(1))});
        for (Instant[] window : windows) {
            for (String step : List.of("minute", "hour")) {
                ExplorerViews.Statistics statistics = queries.statistics(indexed, null, window[0], window[1], step);
                assertThat(statistics.activity()).as(window[0] + " to " + window[1] + " per " + step)
                        .isEqualTo(countedBuckets(window[0], window[1], step));
                assertThat(statistics.byOrganization()).isEqualTo(countedBy("creator_msp", window[0], window[1]));
                assertThat(statistics.byChaincode()).isEqualTo(countedBy("chaincode", window[0], window[1]));
            }
        }
        // Lists filtered by time (and status, and a chaincode or a creator) total the same minutes and edges: as many as they list.
        List<Instant[]> openWindows = new ArrayList<>(windows);
        openWindows.add(new Instant[] {null, boundary.plusSeconds(5)});
        openWindows.add(new Instant[] {boundary.minusSeconds(30), null});
        openWindows.add(new Instant[] {times.get(5), null});
        for (Instant[] window : openWindows) {
            for (Boolean status : new Boolean[] {null, true, false}) {
                for (var filter : List.of(new ExplorerQueries.TransactionFilter(null, null, status, window[0], window[1], null),
                        new ExplorerQueries.TransactionFilter("simple", null, status, window[0], window[1], null),
                        new ExplorerQueries.TransactionFilter(null, "Org1MSP", status, window[0], window[1], null))) {
                    var listed = queries.transactions(indexed, filter, 1, 100);
                    assertThat(listed.total()).as(filter.toString()).isEqualTo(listed.items().size());
                }
            }
        }
        assertThat(queries.transactions(indexed, new ExplorerQueries.TransactionFilter(null, null, null, null, boundary, null), 1, 100)
                .total()).isPositive().isLessThan(facts.path("transactions_summary").size());

        assertThat(queries.statistics(indexed, null, windows.get(0)[0], windows.get(0)[1], "hour").activity())
                .extracting(ExplorerViews.Bucket::transactions).containsExactly((long) facts.path("transactions_summary").size());
    }

    @Test
    void afterACatchUpAKeysHistoryIsCountedAndPagedFromItsIndexAlone() throws Exception {
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        byte[] a = "a".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Object> parameters = List.of(channel.id(), "simple", a, channel.id(), "simple", a, 20, 0L);
        // Vacuum marks a page all-visible only once no transaction older than its rows runs; another
        // test's background work may briefly hold one, so it is tried again until one is clear.
        List<JsonNode> writtenKeyScans = List.of();
        for (int attempt = 0; attempt < 50 && !readFromIndexAlone(writtenKeyScans); attempt++) {
            // On a connection in a transaction, as a caller's may be: the vacuum runs outside it and leaves the mode as it was.
            connection.setAutoCommit(false);
            store.vacuumAndAnalyze();
            assertThat(connection.getAutoCommit()).isFalse();
            connection.setAutoCommit(true);
            writtenKeyScans = writtenKeyScans(ExplorerQueries.KEY_HISTORY, parameters);
        }
        // Two reads of the key's writes: the count and the page.
        assertThat(writtenKeyScans).hasSize(2).allSatisfy(scan -> {
            assertThat(scan.path("Node Type").asText()).isEqualTo("Index Only Scan");
            assertThat(scan.path("Index Name").asText()).isEqualTo("explorer_written_key_history");
            assertThat(scan.path("Heap Fetches").asLong()).isZero();
            assertThat(scan.path("Actual Rows").asLong()).as("the valid writes of a").isPositive();
        });
    }

    private static boolean readFromIndexAlone(List<JsonNode> scans) {
        return scans.size() == 2 && scans.stream().allMatch(scan -> scan.path("Heap Fetches").asLong(-1) == 0);
    }

    /** The plan nodes that read explorer_written_key when the statement runs, as EXPLAIN ANALYZE reports them. */
    private List<JsonNode> writtenKeyScans(String sql, List<Object> parameters) throws Exception {
        connection.setAutoCommit(false);
        try (java.sql.Statement settings = connection.createStatement()) {
            // The fixture's few rows would be read whole; at a real ledger's size the planner takes the index.
            settings.execute("SET LOCAL enable_seqscan = off");
            settings.execute("SET LOCAL enable_bitmapscan = off");
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    explain.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    List<JsonNode> scans = new ArrayList<>();
                    collectWrittenKeyScans(new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.getString(1)).get(0).path("Plan"), scans);
                    return scans;
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void collectWrittenKeyScans(JsonNode node, List<JsonNode> scans) {
        if ("explorer_written_key".equals(node.path("Relation Name").asText())) {
            scans.add(node);
        }
        node.path("Plans").forEach(child -> collectWrittenKeyScans(child, scans));
    }

    @Test
    void aTransactionChangedIntoUnreadableBytesIsReportedByTheDataHash() throws Exception {
        List<Block> blocks = fixtureBlocks();
        Block seven = blocks.get(7);
        ByteString truncated = ByteString.copyFrom(new byte[] {0x0A, 0x7F, 0x01}); // a payload of 127 bytes, cut after one
        blocks.set(7, seven.toBuilder().setData(seven.getData().toBuilder().setData(0, truncated)).build());

        assertThat(indexer(new Blocks(blocks, -1)).runUntilEnd()).isEqualTo(ChannelIndexer.End.DEGRADED);

        IndexedChannel indexed = new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow();
        assertThat(indexed.degradedBlock()).contains(7L);
        assertThat(indexed.degradedReason().orElseThrow()).contains("data hash").doesNotContain("decoded");
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, 7).boxed().toList());
    }

    @Test
    void aChangedByteInATransactionStopsTheChannelAsDegraded() throws Exception {
        List<Block> blocks = withAChangedByteInBlockSeven();

        assertThat(indexer(new Blocks(blocks, -1)).runUntilEnd()).isEqualTo(ChannelIndexer.End.DEGRADED);

        IndexedChannel indexed = new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow();
        assertThat(indexed.state()).isEqualTo(IndexedChannel.State.Degraded);
        assertThat(indexed.degradedBlock()).contains(7L);
        assertThat(indexed.degradedReason().orElseThrow()).contains("data hash");
        assertThat(indexed.nextBlock()).isEqualTo(7);
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, 7).boxed().toList());
    }

    @Test
    void aForgedOrdererSignatureStopsTheChannelAsDegraded() throws Exception {
        List<Block> blocks = fixtureBlocks();
        Block eight = blocks.get(8);
        int index = BlockMetadataIndex.SIGNATURES_VALUE;
        Metadata signatures = Metadata.parseFrom(eight.getMetadata().getMetadata(index));
        byte[] signature = signatures.getSignatures(0).getSignature().toByteArray();
        signature[signature.length - 2] ^= 0x01;
        Metadata forged = signatures.toBuilder().setSignatures(0, signatures.getSignatures(0).toBuilder()
                .setSignature(ByteString.copyFrom(signature))).build();
        blocks.set(8, eight.toBuilder().setMetadata(eight.getMetadata().toBuilder().setMetadata(index, forged.toByteString())).build());

        assertThat(indexer(new Blocks(blocks, -1)).runUntilEnd()).isEqualTo(ChannelIndexer.End.DEGRADED);

        IndexedChannel indexed = new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow();
        assertThat(indexed.degradedBlock()).contains(8L);
        assertThat(indexed.degradedReason().orElseThrow()).contains("orderer signatures", "BlockValidation");
        assertThat(indexedNumbers()).hasSize(8);
    }

    @Test
    void aBlockFromAnotherGenesisIsRefusedAtTheStart() throws Exception {
        List<Block> blocks = fixtureBlocks();
        Block genesis = blocks.get(0);
        blocks.set(0, genesis.toBuilder().setHeader(genesis.getHeader().toBuilder().setPreviousHash(ByteString.copyFromUtf8("x"))).build());

        assertThat(indexer(new Blocks(blocks, -1)).runUntilEnd()).isEqualTo(ChannelIndexer.End.DEGRADED);

        IndexedChannel indexed = new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow();
        assertThat(indexed.degradedBlock()).contains(0L);
        assertThat(indexed.degradedReason().orElseThrow()).contains("trusted block");
        assertThat(indexedNumbers()).isEmpty();
    }

    @Test
    void aPlatformAdminReindexesFromABlockAndADegradedChannelRecovers() throws Exception {
        List<Block> blocks = withAChangedByteInBlockSeven();
        assertThat(indexer(new Blocks(blocks, -1)).runUntilEnd()).isEqualTo(ChannelIndexer.End.DEGRADED);
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.user("explorer-platform-admin");
        fixtures.globalRoleBinding("explorer-platform-admin", "platform-admin");
        fixtures.workspaceWithAdmin("explorer-ws");

        String reindexes = "/explorerchannels/" + channel.id() + "/reindexes";
        BaasApi.call("explorer-platform-admin", "GET", "/explorerchannels", null).then().statusCode(200)
                .body("items.find { it.id == " + channel.id() + " }.status.state", equalTo("Degraded"))
                .body("items.find { it.id == " + channel.id() + " }.status.degradedBlock", equalTo(7));
        assertError(BaasApi.call("explorer-ws-admin", "POST", reindexes, Map.of("fromBlock", 7)).then(), 403, "Forbidden");
        assertError(BaasApi.call("explorer-platform-admin", "POST", reindexes, Map.of("fromBlock", 8)).then(), 400, "BadRequest");
        assertError(BaasApi.call("explorer-platform-admin", "POST", reindexes, Map.of("fromBlock", -1)).then(), 400, "BadRequest");
        assertError(BaasApi.call("explorer-platform-admin", "POST", "/explorerchannels/0/reindexes", Map.of("fromBlock", 0)).then(),
                400, "BadRequest");
        assertError(BaasApi.call("explorer-platform-admin", "POST", "/explorerchannels/" + Long.MAX_VALUE + "/reindexes",
                Map.of("fromBlock", 0)).then(), 404, "NotFound");

        // From block 5: blocks 5 and 6 are forgotten too, and indexed again with the genuine rest.
        BaasApi.call("explorer-platform-admin", "POST", reindexes, Map.of("fromBlock", 5)).then().statusCode(200)
                .body("status.state", equalTo("Indexing")).body("status.height", equalTo(5)).body("status.blocks", equalTo(5));
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, 5).boxed().toList());
        assertCountsAreTheRows();
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        assertCountsAreTheRows();
        IndexedChannel indexed = new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow();
        assertThat(indexed.state()).isEqualTo(IndexedChannel.State.Indexing);
        assertThat(indexed.txCount()).isEqualTo(Fixtures.facts().path("transactions_summary").size());
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, HEIGHT).boxed().toList());

        // From the start: below the trusted block means from it; the genesis is checked again.
        BaasApi.call("explorer-platform-admin", "POST", reindexes, Map.of("fromBlock", 0)).then().statusCode(200)
                .body("status.height", equalTo(0)).body("status.transactions", equalTo(0));
        assertThat(count("SELECT count(*) FROM explorer_transaction_count WHERE channel = ?")).isZero();
        assertThat(count("SELECT count(*) FROM explorer_activity WHERE channel = ?")).isZero();
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        assertCountsAreTheRows();
    }

    @Test
    void aBrokenChainSaysExplorerDegradedOnItsChannelUntilAReindexRecoversIt() throws Exception {
        String namespace = "explorer-" + UUID.randomUUID().toString().substring(0, 8);
        Channel broken = channelResource(namespace, "broken");
        Channel sound = channelResource(namespace, "sound");
        IndexedChannel fixtureRow = channel;
        channel = store.register(IndexedChannel.CONSORTIUM, ExplorerIndexing.source(broken), "mychannel",
                Block.parseFrom(Fixtures.bytes("config/mychannel-genesis.block")));
        try {
            assertThat(indexer(new Blocks(withAChangedByteInBlockSeven(), -1)).runUntilEnd()).isEqualTo(ChannelIndexer.End.DEGRADED);
            IndexedChannel row = new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow();

            indexing.report(stored(sound), fixtureRow);
            Condition degraded = reported(broken, row, "True");
            assertThat(degraded.status).isEqualTo("True");
            assertThat(degraded.reason).isEqualTo("ChainBroken");
            assertThat(degraded.message).contains("block 7", "data hash", "/explorerchannels/" + channel.id() + "/reindexes");
            // A channel whose index never broke gets no condition.
            assertThat(explorerCondition(stored(sound))).isEmpty();

            // Said again at every discovery: a status another writer replaced (the channel's own passes run beside) is corrected.
            Channel rewritten = stored(broken);
            rewritten.getStatus().conditions = new ArrayList<>();
            client.resources(Channel.class).resource(rewritten).updateStatus();
            assertThat(reported(broken, row, "True").reason).isEqualTo("ChainBroken");

            store.reindex(channel.id(), 5);
            assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
            Condition recovered = recovered(broken, row, new ExplorerQueries(dataSource).channel(channel.kind(), channel.source()).orElseThrow());
            assertThat(recovered.reason).isEqualTo("ChainVerified");
        } finally {
            store.remove(fixtureRow.id());
        }
    }

    /**
     * The Channel's ExplorerDegraded condition once it has the status given, reported as each
     * discovery does (the channel's passes write its status meanwhile: it has no consortium here).
     */
    private Condition reported(Channel resource, IndexedChannel row, String status) {
        return reported(resource, () -> { }, row, status);
    }

    /**
     * The condition once the recovered index is reported. The channel's failing pass may have
     * replaced the status since the True was seen (CI saw it once), and then a recovery has nothing
     * to turn False; a discovery before the re-index would have said True again, so it is said
     * again first whenever the condition is gone.
     */
    private Condition recovered(Channel resource, IndexedChannel degraded, IndexedChannel recovered) {
        return reported(resource, () -> {
            if (explorerCondition(stored(resource)).isEmpty()) {
                indexing.report(stored(resource), degraded);
            }
        }, recovered, "False");
    }

    private Condition reported(Channel resource, Runnable beforeEachReport, IndexedChannel row, String status) {
        // The condition as seen when it had that status: read again, the channel's pass may have replaced the status already.
        java.util.concurrent.atomic.AtomicReference<Condition> seen = new java.util.concurrent.atomic.AtomicReference<>();
        KubeSphereFixtures.await(() -> {
            beforeEachReport.run();
            indexing.report(stored(resource), row);
            explorerCondition(stored(resource)).filter(c -> status.equals(c.status)).ifPresent(seen::set);
            return seen.get() != null;
        });
        return seen.get();
    }

    private Channel channelResource(String namespace, String name) {
        Channel resource = new Channel();
        resource.getMetadata().setNamespace(namespace);
        resource.getMetadata().setName(name);
        resource.setSpec(new Channel.Spec());
        resource.getSpec().channelId = "mychannel";
        resource.getSpec().consortium = "explorer-consortium";
        resource.getSpec().organizations = List.of("org1");
        return client.resources(Channel.class).inNamespace(namespace).resource(resource).create();
    }

    private Channel stored(Channel resource) {
        return client.resources(Channel.class).inNamespace(resource.getMetadata().getNamespace()).withName(resource.getMetadata().getName()).get();
    }

    private static Optional<Condition> explorerCondition(Channel resource) {
        return resource.getStatus() == null ? Optional.empty()
                : resource.getStatus().conditions.stream().filter(c -> Condition.EXPLORER_DEGRADED.equals(c.type)).findFirst();
    }

    @Test
    void aTransactionIndexedBeforeEnvelopeOffsetsIsReadFromItsWholeBlock() throws Exception {
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        ExplorerQueries queries = new ExplorerQueries(dataSource);
        IndexedChannel indexed = queries.channel(channel.kind(), channel.source()).orElseThrow();
        List<String> txIds = new ArrayList<>();
        for (long number = 0; number < HEIGHT; number++) {
            queries.block(indexed, number, 1, 100).orElseThrow().transactions().stream().map(ExplorerViews.TransactionSummary::txId)
                    .filter(id -> !id.isEmpty()).forEach(txIds::add);
        }
        List<ExplorerViews.TransactionDetail> sliced = new ArrayList<>();
        for (String txId : txIds) {
            sliced.add(queries.transaction(indexed, txId).orElseThrow());
        }
        try (PreparedStatement forget = connection.prepareStatement("UPDATE explorer_transaction SET envelope_offset = NULL WHERE channel = ?")) {
            forget.setLong(1, channel.id());
            assertThat(forget.executeUpdate()).isEqualTo(indexed.txCount());
        }
        List<ExplorerViews.TransactionDetail> whole = new ArrayList<>();
        for (String txId : txIds) {
            whole.add(queries.transaction(indexed, txId).orElseThrow());
        }
        assertThat(whole).isEqualTo(sliced);
        assertThat(sliced).anySatisfy(detail -> assertThat(detail.readWriteSets()).isNotEmpty());
    }

    @Test
    void aRefusedLaterDuplicateOfATransactionIdAnswersWithTheValidOne() throws Exception {
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        ExplorerQueries queries = new ExplorerQueries(dataSource);
        IndexedChannel indexed = queries.channel(channel.kind(), channel.source()).orElseThrow();
        ExplorerViews.TransactionSummary valid = queries.block(indexed, 10, 1, 100).orElseThrow().transactions().get(0);
        ExplorerViews.TransactionDetail before = queries.transaction(indexed, valid.txId()).orElseThrow();
        // As the peer marks a transaction that reuses an ID: DUPLICATE_TXID (9), in a later block.
        try (PreparedStatement duplicate = connection.prepareStatement(
                "UPDATE explorer_transaction SET tx_id = ?, validation_code = 9 WHERE channel = ? AND block = 11 AND tx_index = 0")) {
            duplicate.setString(1, valid.txId());
            duplicate.setLong(2, channel.id());
            assertThat(duplicate.executeUpdate()).isEqualTo(1);
        }
        assertThat(queries.transactionSummary(indexed, valid.txId())).contains(valid);
        assertThat(queries.transaction(indexed, valid.txId())).contains(before);

        // With the first one invalid too, the earliest answers.
        try (PreparedStatement invalid = connection.prepareStatement(
                "UPDATE explorer_transaction SET validation_code = 11 WHERE channel = ? AND block = 10 AND tx_index = 0")) {
            invalid.setLong(1, channel.id());
            assertThat(invalid.executeUpdate()).isEqualTo(1);
        }
        assertThat(queries.transaction(indexed, valid.txId()).orElseThrow().transaction().block()).isEqualTo(10);
        assertThat(queries.transactionSummary(indexed, valid.txId()).orElseThrow().block()).isEqualTo(10);
    }

    @Test
    void oldPayloadsArePrunedWhenAskedAndHeadersTransactionsAndConfigBlocksStay() throws Exception {
        assertThat(new TestRun(new Blocks(fixtureBlocks(), -1), OptionalLong.of(3)).runUntil(HEIGHT)).isEqualTo(HEIGHT);

        List<Long> withPayload = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT number FROM explorer_block WHERE channel = ? AND payload IS NOT NULL ORDER BY number")) {
            select.setLong(1, channel.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    withPayload.add(rows.getLong(1));
                }
            }
        }
        assertThat(withPayload).as("config blocks 0-2 and the newest three").containsExactly(0L, 1L, 2L, 9L, 10L, 11L);
        ExplorerQueries queries = new ExplorerQueries(dataSource);
        IndexedChannel indexed = queries.channel(channel.kind(), channel.source()).orElseThrow();
        String pruned = queries.block(indexed, 8, 1, 100).orElseThrow().transactions().get(0).txId();
        String kept = queries.block(indexed, 10, 1, 100).orElseThrow().transactions().get(0).txId();
        assertThat(queries.transaction(indexed, pruned).orElseThrow().arguments()).isEmpty();
        assertThat(queries.transaction(indexed, pruned).orElseThrow().transaction().function()).isEqualTo("invoke");
        assertThat(queries.transaction(indexed, kept).orElseThrow().arguments()).containsExactly("invoke", "a", "b", "2");
        assertThat(indexedNumbers()).hasSize(HEIGHT);

        // Re-indexing from a pruned block still finds the config in force (config blocks keep their payload).
        store.reindex(channel.id(), 8);
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
    }

    @Test
    void aRunThatDiesHalfwayResumesWithNoGapAndNoDuplicate() throws Exception {
        Blocks failing = new Blocks(fixtureBlocks(), 5);
        TestRun first = indexer(failing);
        assertThatThrownBy(first::runUntilEnd).isInstanceOf(FabricAdminException.class).hasMessageContaining("after 5 blocks");
        // What came before the failure is written, batch by batch; nothing after it.
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, 5).boxed().toList());
        assertCountsAreTheRows();

        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, HEIGHT).boxed().toList());
        assertThat(count("SELECT count(*) FROM explorer_transaction WHERE channel = ?"))
                .isEqualTo(Fixtures.facts().path("transactions_summary").size());
        assertCountsAreTheRows();
    }

    @Test
    void onlyOneSessionHoldsAChannelUntilItEnds() throws Exception {
        try (Connection first = java.sql.DriverManager.getConnection(jdbcUrl, username, "");
             Connection second = java.sql.DriverManager.getConnection(jdbcUrl, username, "")) {
            assertThat(new IndexStore(first).tryLock(channel.id())).isTrue();
            assertThat(new IndexStore(first).tryLock(channel.id())).as("held again by its holder").isTrue();
            assertThat(new IndexStore(second).tryLock(channel.id())).isFalse();
            first.close();
            // The server ends the session after the client's close: its locks go with it.
            KubeSphereFixtures.await(() -> {
                try {
                    return new IndexStore(second).tryLock(channel.id());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void aCheckpointMovedByAnotherWriterIsNotOverwritten() throws Exception {
        Checkpoint start = store.checkpoint(channel.id());
        BlockVerifier verifier = new BlockVerifier(io.baas.fabric.block.BlockDecoder.decode(store.trustedBlock(channel.id())));
        Block genesis = fixtureBlocks().get(0);
        var decoded = io.baas.fabric.block.BlockDecoder.decode(genesis);
        IndexedBlock zero = BlockRows.of(genesis, decoded, verifier.verify(start, decoded));
        store.write(channel.id(), start, List.of(zero), OptionalLong.empty());
        assertThatThrownBy(() -> store.write(channel.id(), start, List.of(zero), OptionalLong.empty()))
                .isInstanceOf(IndexStore.LostLockException.class);
        assertThat(indexedNumbers()).containsExactly(0L);
    }

    @Test
    void aBatchWrittenBesideTheOneBeforeItCommitsOnlyAfterItAndNotWithoutIt() throws Exception {
        Checkpoint start = store.checkpoint(channel.id());
        List<IndexedBlock> first = mapped(0, 4);
        Checkpoint middle = first.get(first.size() - 1).after();
        List<IndexedBlock> second = mapped(4, 8);
        try (Connection besideConnection = dataSource.getConnection()) {
            IndexStore beside = new IndexStore(besideConnection);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                // The first batch fails after its rows went in, while the second's rows are in and it waits for the first.
                java.util.concurrent.CountDownLatch secondWaits = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<?> failing = writing(threads, store, start, first, () -> {
                    await(secondWaits);
                    throw new IllegalStateException("the database went away");
                });
                java.util.concurrent.Future<?> waiting = writing(threads, beside, middle, second, () -> {
                    secondWaits.countDown();
                    BatchWriters.landed(failing);
                });
                assertThatThrownBy(failing::get).hasRootCauseMessage("the database went away");
                assertThatThrownBy(waiting::get).hasCauseInstanceOf(IllegalStateException.class);
                assertThat(indexedNumbers()).as("neither batch left a row").isEmpty();
                assertThat(count("SELECT count(*) FROM explorer_transaction_count WHERE channel = ?")).as("nor a count").isZero();
                assertThat(store.checkpoint(channel.id()).nextBlock()).isEqualTo(start.nextBlock());

                // Again, the first one held until the second's rows are in, then landing: the second's checkpoint
                // update, after it, finds the checkpoint the first left.
                java.util.concurrent.CountDownLatch secondIn = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<?> slow = writing(threads, store, start, first, () -> await(secondIn));
                java.util.concurrent.Future<?> after = writing(threads, beside, middle, second, () -> {
                    secondIn.countDown();
                    BatchWriters.landed(slow);
                });
                slow.get();
                after.get();
            } finally {
                threads.shutdownNow();
            }
        }
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, 8).boxed().toList());
        assertThat(store.checkpoint(channel.id()).nextBlock()).isEqualTo(8);
        assertCountsAreTheRows();
    }

    @Test
    void aReindexBesideABatchWaitingForTheChannelsRowGoesFirstWithoutADeadlock() throws Exception {
        Checkpoint start = store.checkpoint(channel.id());
        List<IndexedBlock> first = mapped(0, 8);
        List<IndexedBlock> rest = mapped(8, HEIGHT);
        store.write(channel.id(), start, first, OptionalLong.empty());
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection batchConnection = dataSource.getConnection(); Connection reindexConnection = dataSource.getConnection()) {
            int batchBackend = batchConnection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            // The re-index has locked the channel's row, its first step, when the batch comes to move the checkpoint:
            // the batch waits, and must hold nothing then that the re-index's next steps (the counts) need.
            reindexConnection.setAutoCommit(false);
            try (PreparedStatement lock = reindexConnection.prepareStatement("SELECT id FROM explorer_channel WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, channel.id());
                lock.executeQuery().close();
            }
            java.util.concurrent.Future<?> batch = writing(threads, new IndexStore(batchConnection), first.get(first.size() - 1).after(),
                    rest, () -> {
                    });
            KubeSphereFixtures.await(() -> waitsForALock(batchBackend));
            new IndexStore(reindexConnection).reindex(channel.id(), 5);
            assertThatThrownBy(batch::get).hasCauseInstanceOf(IndexStore.LostLockException.class);
        } finally {
            threads.shutdownNow();
        }
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, 5).boxed().toList());
        assertCountsAreTheRows();
        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        assertCountsAreTheRows();
    }

    private boolean waitsForALock(int backend) {
        try (PreparedStatement select = connection.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
            select.setInt(1, backend);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && "Lock".equals(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSecondConnectionThatFailsEndsTheRunAndTheNextOneResumesWithNoGap() throws Exception {
        // The second connection's session is ended by the server as soon as it is opened, so the batch
        // given to it fails; the reader is let run ahead first, so that a second batch is ready beside one.
        AtomicLong opened = new AtomicLong();
        ChannelIndexer.Connections ended = () -> {
            Connection second = java.sql.DriverManager.getConnection(jdbcUrl, username, "");
            opened.incrementAndGet();
            try (PreparedStatement end = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
                end.setInt(1, second.unwrap(org.postgresql.PGConnection.class).getBackendPID());
                end.execute();
            }
            return second;
        };
        AtomicLong reached = new AtomicLong();
        ChannelIndexer indexer = readerAheadIndexer(java.util.Optional.of(ended), reached);
        assertThatThrownBy(indexer::run).isInstanceOf(SQLException.class);
        assertThat(opened.get()).as("second connections opened").isEqualTo(1);
        long written = store.checkpoint(channel.id()).nextBlock();
        assertThat(written).isEqualTo(reached.get()).isLessThan(HEIGHT);
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, written).boxed().toList());

        assertThat(indexer(new Blocks(fixtureBlocks(), -1)).runUntil(HEIGHT)).isEqualTo(HEIGHT);
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, HEIGHT).boxed().toList());
    }

    @Test
    void withoutASecondConnectionTheIndexerWritesOneBatchAtATime() throws Exception {
        AtomicLong refused = new AtomicLong();
        AtomicLong reached = new AtomicLong();
        ChannelIndexer indexer = readerAheadIndexer(java.util.Optional.of(() -> {
            refused.incrementAndGet();
            throw new SQLException("sorry, too many clients already", "53300");
        }), reached);
        assertThat(indexer.run()).isEqualTo(ChannelIndexer.End.STOPPED);
        assertThat(refused.get()).as("second connections asked for").isPositive();
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, HEIGHT).boxed().toList());
    }

    /**
     * An indexer of two blocks a batch whose first report waits until the reader has taken every
     * fixture block: whatever was assembled before, batches start with more ready after it, so a
     * second connection is asked for. It stops at the fixture's height.
     */
    private ChannelIndexer readerAheadIndexer(java.util.Optional<ChannelIndexer.Connections> second, AtomicLong reached) throws Exception {
        Blocks source = new Blocks(fixtureBlocks(), -1);
        ChannelIndexer[] indexer = new ChannelIndexer[1];
        indexer[0] = new ChannelIndexer(channel.id(), store, second, source,
                new ChannelIndexer.Settings(2, 1000, 16, 64L << 20, Duration.ofMillis(50), OptionalLong.empty()), new ChannelIndexer.Listener() {
                    @Override
                    public void written(long channelId, Checkpoint after, int blocks, OptionalLong sourceHeight) {
                        KubeSphereFixtures.await(() -> source.taken() >= HEIGHT);
                        reached.set(after.nextBlock());
                        if (after.nextBlock() >= HEIGHT) {
                            indexer[0].stop();
                        }
                    }
                });
        return indexer[0];
    }

    /** The fixture's blocks from {@code from} to {@code to} (exclusive), verified from the channel's start and mapped. */
    private List<IndexedBlock> mapped(int from, int to) throws Exception {
        BlockVerifier verifier = new BlockVerifier(io.baas.fabric.block.BlockDecoder.decode(store.trustedBlock(channel.id())));
        Checkpoint checkpoint = store.checkpoint(channel.id());
        List<IndexedBlock> rows = new java.util.ArrayList<>();
        for (Block block : fixtureBlocks().subList(0, to)) {
            var decoded = io.baas.fabric.block.BlockDecoder.decode(block);
            checkpoint = verifier.verify(checkpoint, decoded);
            if (decoded.number() >= from) {
                rows.add(BlockRows.of(block, decoded, checkpoint));
            }
        }
        return rows;
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A batch written on another thread, with {@code beforeCheckpoint} between its rows and its checkpoint. */
    private java.util.concurrent.Future<?> writing(java.util.concurrent.ExecutorService threads, IndexStore writer, Checkpoint before,
                                                   List<IndexedBlock> batch, Runnable beforeCheckpoint) {
        return threads.submit(() -> {
            writer.write(channel.id(), before, batch, OptionalLong.empty(), beforeCheckpoint);
            return null;
        });
    }

    @Test
    void theReaderRunsNoFurtherAheadThanTheBytesItMayHold() throws Exception {
        // Room for one block's bytes, and for sixteen blocks: while the writer is held after its first
        // batch, the reader may queue one block and wait with the next in hand. A bound in blocks alone
        // would let it read all twelve.
        Blocks source = new Blocks(fixtureBlocks(), -1);
        AtomicLong writtenWhenHeld = new AtomicLong(-1);
        AtomicLong takenWhenHeld = new AtomicLong(-1);
        AtomicLong reached = new AtomicLong();
        ChannelIndexer[] indexer = new ChannelIndexer[1];
        indexer[0] = new ChannelIndexer(channel.id(), store, source, new ChannelIndexer.Settings(4, 1000, 16, 1, Duration.ofMillis(50),
                OptionalLong.empty()), new ChannelIndexer.Listener() {
            @Override
            public void written(long channelId, Checkpoint after, int blocks, OptionalLong sourceHeight) {
                if (writtenWhenHeld.get() < 0) {
                    KubeSphereFixtures.await(() -> source.taken() >= HEIGHT || waitsForRoom(channelId));
                    writtenWhenHeld.set(after.nextBlock());
                    takenWhenHeld.set(source.taken());
                }
                reached.set(after.nextBlock());
                if (after.nextBlock() >= HEIGHT) {
                    indexer[0].stop();
                }
            }
        });
        assertThat(indexer[0].run()).isEqualTo(ChannelIndexer.End.STOPPED);
        assertThat(takenWhenHeld.get()).as("blocks read while %d were written", writtenWhenHeld.get())
                .isLessThanOrEqualTo(writtenWhenHeld.get() + 2);
        assertThat(reached.get()).isEqualTo(HEIGHT);
        assertThat(indexedNumbers()).containsExactlyElementsOf(LongStream.range(0, HEIGHT).boxed().toList());
    }

    /** Whether the channel's reader thread is waiting for room in the read-ahead. */
    private static boolean waitsForRoom(long channelId) {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(thread -> thread.getKey().getName().equals("baas-explorer-read-" + channelId)
                && thread.getKey().getState() == Thread.State.WAITING
                && java.util.Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().equals(java.util.concurrent.Semaphore.class.getName())));
    }

    private TestRun indexer(Blocks source) {
        return new TestRun(source);
    }

    /** Runs an indexer in a thread until the index reaches a height, or until the run ends by itself. */
    private final class TestRun implements ChannelIndexer.Listener {
        private final ChannelIndexer indexer;
        private final java.util.concurrent.atomic.AtomicLong reached = new java.util.concurrent.atomic.AtomicLong();

        TestRun(Blocks source) {
            this(source, OptionalLong.empty());
        }

        /** As the service runs one: with a second connection to write a batch beside another while it catches up. */
        TestRun(Blocks source, OptionalLong keepPayloadBlocks) {
            this.indexer = new ChannelIndexer(channel.id(), store, java.util.Optional.of(dataSource::getConnection), source,
                    new ChannelIndexer.Settings(4, 1000, 16, 64L << 20, Duration.ofMillis(50), keepPayloadBlocks), this);
        }

        @Override
        public void written(long channelId, Checkpoint after, int blocks, OptionalLong sourceHeight) {
            reached.set(after.nextBlock());
        }

        long runUntil(long height) throws Exception {
            var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return indexer.run();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            KubeSphereFixtures.await(() -> reached.get() >= height || run.isDone());
            indexer.stop();
            run.get();
            return reached.get();
        }

        ChannelIndexer.End runUntilEnd() throws Exception {
            return indexer.run();
        }
    }

    /** The blocks of a list from a number on; with {@code failAfter} >= 0 the feed breaks after that many blocks in all. */
    private static final class Blocks implements BlockSource {
        private final List<Block> blocks;
        private final int failAfter;
        private final AtomicLong taken = new AtomicLong();

        Blocks(List<Block> blocks, int failAfter) {
            this.blocks = blocks;
            this.failAfter = failAfter;
        }

        /** Blocks handed out, by every feed opened. */
        long taken() {
            return taken.get();
        }

        @Override
        public Feed open(long from) {
            return new Feed() {
                private long next = from;

                @Override
                public Optional<Block> next(Duration wait) throws InterruptedException {
                    if (failAfter >= 0 && next >= failAfter) {
                        throw new FabricAdminException(FabricAdminException.Reason.UNAVAILABLE, 0, "the peer went away after "
                                + failAfter + " blocks");
                    }
                    if (next >= blocks.size()) {
                        Thread.sleep(wait.toMillis());
                        return Optional.empty();
                    }
                    taken.incrementAndGet();
                    return Optional.of(blocks.get((int) next++));
                }

                @Override
                public OptionalLong height() {
                    return OptionalLong.of(blocks.size());
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** The fixture blocks with one byte of block 7's transaction changed (in its signature, so that it still parses). */
    private static List<Block> withAChangedByteInBlockSeven() throws Exception {
        List<Block> blocks = fixtureBlocks();
        Block seven = blocks.get(7);
        byte[] envelope = seven.getData().getData(0).toByteArray();
        envelope[envelope.length - 3] ^= 0x01;
        blocks.set(7, seven.toBuilder().setData(seven.getData().toBuilder().setData(0, ByteString.copyFrom(envelope))).build());
        return blocks;
    }

    private static List<Block> fixtureBlocks() throws Exception {
        List<Block> blocks = new ArrayList<>();
        for (int number = 0; number < HEIGHT; number++) {
            blocks.add(Block.parseFrom(Fixtures.block(number)));
        }
        return blocks;
    }

    private List<Long> indexedNumbers() throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT number FROM explorer_block WHERE channel = ? ORDER BY number")) {
            select.setLong(1, channel.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    numbers.add(rows.getLong(1));
                }
            }
        }
        return numbers;
    }

    /** The counts the indexer keeps (none left at zero) are the channel's rows counted by chaincode and by creator. */
    private void assertCountsAreTheRows() throws SQLException {
        List<String> kept = rows("SELECT dimension, value, tx_count, valid_tx_count FROM explorer_transaction_count WHERE channel = ?"
                + " ORDER BY 1, 2");
        List<String> counted = rows("""
                SELECT * FROM (
                  SELECT 'chaincode', chaincode, count(*), count(*) FILTER (WHERE validation_code = 0)
                  FROM explorer_transaction WHERE channel = ? AND chaincode IS NOT NULL GROUP BY chaincode
                  UNION ALL
                  SELECT 'creator', creator_msp, count(*), count(*) FILTER (WHERE validation_code = 0)
                  FROM explorer_transaction WHERE channel = ? AND creator_msp IS NOT NULL GROUP BY creator_msp) c ORDER BY 1, 2""");
        assertThat(kept).isEqualTo(counted);
        List<String> keptMinutes = rows("SELECT minute, dimension, value, tx_count, valid_tx_count FROM explorer_activity WHERE channel = ?"
                + " ORDER BY 1, 2, 3");
        List<String> countedMinutes = rows("""
                SELECT * FROM (
                  SELECT date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS minute, 'all' AS dimension, '' AS value,
                         count(*), count(*) FILTER (WHERE validation_code = 0)
                  FROM explorer_transaction WHERE channel = ? AND created_at IS NOT NULL GROUP BY 1
                  UNION ALL
                  SELECT date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 'chaincode', chaincode,
                         count(*), count(*) FILTER (WHERE validation_code = 0)
                  FROM explorer_transaction WHERE channel = ? AND created_at IS NOT NULL AND chaincode IS NOT NULL GROUP BY 1, 3
                  UNION ALL
                  SELECT date_trunc('minute', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 'creator', creator_msp,
                         count(*), count(*) FILTER (WHERE validation_code = 0)
                  FROM explorer_transaction WHERE channel = ? AND created_at IS NOT NULL AND creator_msp IS NOT NULL GROUP BY 1, 3) m
                ORDER BY 1, 2, 3""");
        assertThat(keptMinutes).isEqualTo(countedMinutes);
    }

    /** A window's activity as counting its rows answers it. */
    private List<ExplorerViews.Bucket> countedBuckets(Instant from, Instant to, String step) throws SQLException {
        List<ExplorerViews.Bucket> buckets = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT date_trunc('" + step + "', created_at), count(*),"
                + " count(*) FILTER (WHERE validation_code = 0) FROM explorer_transaction WHERE channel = ? AND created_at >= ?"
                + " AND created_at < ? GROUP BY 1 ORDER BY 1")) {
            select.setLong(1, channel.id());
            select.setTimestamp(2, java.sql.Timestamp.from(from));
            select.setTimestamp(3, java.sql.Timestamp.from(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    buckets.add(new ExplorerViews.Bucket(rows.getTimestamp(1).toInstant(), rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        return buckets;
    }

    /** A window's transactions by one column as counting its rows answers it, most first. */
    private List<ExplorerViews.Count> countedBy(String column, Instant from, Instant to) throws SQLException {
        List<ExplorerViews.Count> counts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + column + ", count(*) FROM explorer_transaction"
                + " WHERE channel = ? AND created_at >= ? AND created_at < ? AND " + column + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")) {
            select.setLong(1, channel.id());
            select.setTimestamp(2, java.sql.Timestamp.from(from));
            select.setTimestamp(3, java.sql.Timestamp.from(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new ExplorerViews.Count(rows.getString(1), rows.getLong(2)));
                }
            }
        }
        return counts;
    }

    /** Each row's columns joined by spaces; every parameter is the channel's id. */
    private List<String> rows(String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 1; i <= select.getParameterMetaData().getParameterCount(); i++) {
                select.setLong(i, channel.id());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        columns.add(rows.getString(i));
                    }
                    found.add(String.join(" ", columns));
                }
            }
        }
        return found;
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, channel.id());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
