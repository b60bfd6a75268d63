package io.baas.bench;

import com.google.protobuf.ByteString;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.baas.dev.EmbeddedSeed;
import io.baas.explorer.BlockSource;
import io.baas.explorer.ChannelIndexer;
import io.baas.explorer.ExplorerQueries;
import io.baas.explorer.IndexStore;
import io.baas.explorer.IndexedChannel;
import io.baas.fabric.Fixtures;
import io.baas.fabric.Sha256;
import io.baas.fabric.block.BlockHashes;
import io.baas.fabric.identity.Signer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * The explorer's indexer against the approaches it must beat, on one machine, in one run
 * (docs/benchmarks.md, issue "Block explorer"):
 * <ol>
 *   <li>a ledger of N transactions (default 1,000,000) continuing the real Fabric 2.5.5 fixture
 *   chain (testdata/fabric-2.5.5, genesis to block 11): blocks of B transactions (default 100), each a
 *   copy of the fixture's {@code simple invoke} of block 8 with its own transaction ID and its own two
 *   account keys out of 100,000, each block signed by the fixture's orderer organization, so the
 *   indexer verifies every signature as it would a peer's (the copies' own creator and endorsement
 *   signatures no longer match, which the indexer does not check: the peer's validation codes say
 *   VALID); written once to a file and kept for later runs;</li>
 *   <li>(a) the indexer over all of it: decode, verify, COPY in batches, from the file;</li>
 *   <li>(b) Hyperledger Explorer's way over the first 50,000 transactions: per block an existence
 *   check, then one statement per row, each committed on its own;</li>
 *   <li>(c) PostgreSQL alone: {@code INSERT ... SELECT generate_series} of the same rows into the same
 *   tables and indexes;</li>
 *   <li>(d) p50/p99 of transaction by ID, block by hash, block by number, key history and search at
 *   that size, with 1 and 16 concurrent clients: through the explorer's queries on a connection pool,
 *   then through the REST API of the packaged service (its routes of external channels, as the
 *   platform admin; the ledger is indexed as an external channel's), there also two filtered lists:
 *   the transactions that wrote a key, and the invalid ones.</li>
 * </ol>
 * Run by {@code bench/explorer.sh}; the database {@value #DATABASE} is made anew each run. Exits 0 whether the targets are met
 * or not.
 */
public final class ExplorerBenchmark {

    static final String DATABASE = "baas_bench";
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    static final int ACCOUNTS = 100_000;
    static final int NAIVE_TRANSACTIONS = 50_000;
    static final int QUERIES = 2_000;
    /**
     * Through REST, every query first runs this many times, then each is warmed with and measured
     * over {@link #REST_QUERIES} more: the service's JIT compiles for tens of thousands of requests,
     * and its compilations, not the queries, made the tail of runs warmed with 2,000 or 10,000
     * (docs/benchmarks.md).
     */
    static final int REST_WARM_UP = 20_000;
    static final int REST_QUERIES = 5_000;
    static final long FIXTURE_HEIGHT = 12;

    private ExplorerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long transactions = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String parts = args.length > 2 ? args[2] : "abcd";
        Path ledger = Path.of("target", "explorer-ledger-" + transactions + "x" + perBlock + ".bin");
        if (parts.equals("r")) {
            // Only (d) through the REST API, on the ledger the last full run indexed (tuning the service between runs).
            restQueries(lastIndexed(), transactions);
            System.exit(0);
        }
        createDatabase();
        Flyway.configure().dataSource(URL, "postgres", "").load().migrate();
        if (!Files.exists(ledger)) {
            long start = System.nanoTime();
            generate(ledger, transactions, perBlock);
            System.out.printf("generated %,d transactions in blocks of %d: %s, %.1f MiB, %.1f s%n", transactions, perBlock, ledger,
                    Files.size(ledger) / 1048576.0, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("machine: %d cores, %s; Java %s%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getName(), System.getProperty("java.version"));

        String run = UUID.randomUUID().toString().substring(0, 8);
        // Indexed as an external channel's ledger, so that (d) reads it through the REST routes of external channels.
        String indexed = "bench-" + run;
        double ingest = ingest(ledger, indexed);
        if (parts.contains("b")) {
            double naive = naive(ledger, "bench/" + run + "/naive");
            double server = serverSide("bench/" + run + "/server", perBlock);
            System.out.printf("%n(a) indexer        %,10.0f tx/s%n(b) one at a time  %,10.0f tx/s%n(c) server-side    %,10.0f tx/s%n", ingest,
                    naive, server);
            System.out.printf("(a)/(b) = %.1fx (target >= 65x); (a) = %.0f%% of (c); target (a) >= 25,000 tx/s: %s%n", ingest / naive,
                    100 * ingest / server, ingest >= 25_000 ? "met" : "NOT met");
        }
        if (!parts.contains("d")) {
            return;
        }
        queries(indexed, transactions, perBlock);
        restQueries(indexed, transactions);
        System.exit(0);
    }

    // ---- the ledger ----------------------------------------------------------------------------

    /** The fixture chain (blocks 0 to 11) then generated blocks, each length-delimited. */
    static void generate(Path file, long transactions, int perBlock) throws IOException {
        Files.createDirectories(file.getParent());
        Signer orderer = Fixtures.signer("example.com", "Admin", "OrdererMSP");
        Envelope template = Envelope.parseFrom(Block.parseFrom(Fixtures.block(8)).getData().getData(0));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            Block last = null;
            for (long number = 0; number < FIXTURE_HEIGHT; number++) {
                last = Block.parseFrom(Fixtures.block(number));
                last.writeDelimitedTo(out);
            }
            long made = 0;
            while (made < transactions) {
                int count = (int) Math.min(perBlock, transactions - made);
                BlockData.Builder data = BlockData.newBuilder();
                for (int i = 0; i < count; i++) {
                    data.addData(copy(template, made + i).toByteString());
                }
                made += count;
                last = block(last, data.build(), orderer);
                last.writeDelimitedTo(out);
            }
        }
        Files.move(partial, file);
    }

    /** The template transaction with its own ID and two account keys of its own choosing. */
    private static Envelope copy(Envelope template, long sequence) throws IOException {
        Payload payload = Payload.parseFrom(template.getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).toBuilder()
                .setTxId(HexFormat.of().formatHex(Sha256.digest(ByteString.copyFromUtf8("tx-" + sequence)).toByteArray())).build();
        Transaction transaction = Transaction.parseFrom(payload.getData());
        ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        ProposalResponsePayload response = ProposalResponsePayload.parseFrom(action.getAction().getProposalResponsePayload());
        ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(response.getExtension());
        TxReadWriteSet results = TxReadWriteSet.parseFrom(chaincodeAction.getResults());
        TxReadWriteSet.Builder renamed = results.toBuilder().clearNsRwset();
        String from = "acct-" + Math.floorMod(sequence * 7919, ACCOUNTS);
        String to = "acct-" + Math.floorMod(sequence * 104729 + 1, ACCOUNTS);
        for (NsReadWriteSet ns : results.getNsRwsetList()) {
            KVRWSet set = KVRWSet.parseFrom(ns.getRwset());
            KVRWSet.Builder keys = set.toBuilder();
            for (int i = 0; i < keys.getReadsCount(); i++) {
                keys.setReads(i, keys.getReads(i).toBuilder().setKey(i == 0 ? from : to));
            }
            for (int i = 0; i < keys.getWritesCount(); i++) {
                keys.setWrites(i, keys.getWrites(i).toBuilder().setKey(i == 0 ? from : to));
            }
            renamed.addNsRwset(ns.toBuilder().setRwset(set.getReadsCount() + set.getWritesCount() == 0 ? ns.getRwset()
                    : keys.build().toByteString()));
        }
        ByteString extension = chaincodeAction.toBuilder().setResults(renamed.build().toByteString()).build().toByteString();
        ChaincodeActionPayload renamedAction = action.toBuilder().setAction(action.getAction().toBuilder()
                .setProposalResponsePayload(response.toBuilder().setExtension(extension).build().toByteString())).build();
        Transaction renamedTransaction = transaction.toBuilder().setActions(0, transaction.getActions(0).toBuilder()
                .setPayload(renamedAction.toByteString())).build();
        Payload renamedPayload = payload.toBuilder().setHeader(payload.getHeader().toBuilder().setChannelHeader(header.toByteString()))
                .setData(renamedTransaction.toByteString()).build();
        return template.toBuilder().setPayload(renamedPayload.toByteString()).build();
    }

    /** The next block as an orderer writes it and a peer commits it (every transaction VALID). */
    private static Block block(Block previous, BlockData data, Signer orderer) {
        BlockHeader header = BlockHeader.newBuilder().setNumber(previous.getHeader().getNumber() + 1)
                .setPreviousHash(BlockHashes.headerHash(previous.getHeader())).setDataHash(BlockHashes.dataHash(data)).build();
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(2).build();
        ByteString value = OrdererBlockMetadata.newBuilder().setLastConfig(lastConfig).build().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(orderer.identity().serialized())
                .setNonce(ByteString.copyFromUtf8(Long.toString(header.getNumber()))).build().toByteString();
        ByteString signature = orderer.sign(value.concat(signatureHeader).concat(BlockHashes.headerBytes(header)));
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i <= BlockMetadataIndex.COMMIT_HASH_VALUE; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, Metadata.newBuilder().setValue(value)
                .addSignatures(MetadataSignature.newBuilder().setSignatureHeader(signatureHeader).setSignature(signature)).build().toByteString());
        metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(new byte[data.getDataCount()]));
        return Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    }

    /** The ledger file's blocks from a number on, as a block source. */
    static BlockSource fileSource(Path ledger) {
        return from -> new BlockSource.Feed() {
            private final InputStream in = open(ledger);
            private long next = 0;

            @Override
            public Optional<Block> next(Duration wait) throws InterruptedException {
                try {
                    while (true) {
                        Block block = Block.parseDelimitedFrom(in);
                        if (block == null) {
                            Thread.sleep(wait.toMillis());
                            return Optional.empty();
                        }
                        if (next++ >= from) {
                            return Optional.of(block);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public OptionalLong height() {
                return OptionalLong.empty();
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    // read-only
                }
            }
        };
    }

    private static InputStream open(Path ledger) {
        try {
            return new BufferedInputStream(Files.newInputStream(ledger), 1 << 20);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- (a) the indexer -----------------------------------------------------------------------

    static double ingest(Path ledger, String source) throws Exception {
        long blocks = countBlocks(ledger);
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            IndexStore store = new IndexStore(connection);
            IndexedChannel channel = store.register(IndexedChannel.EXTERNAL, source, "mychannel", Block.parseFrom(Fixtures.block(0)));
            AtomicLong reached = new AtomicLong();
            ChannelIndexer[] indexer = new ChannelIndexer[1];
            // The service's defaults (baas.explorer.max-batch-blocks, max-batch-transactions, read-ahead, read-ahead-bytes), and
            // as in the service a second connection to write a batch beside another while it catches up.
            indexer[0] = new ChannelIndexer(channel.id(), store, java.util.Optional.of(() -> DriverManager.getConnection(URL, "postgres", "")),
                    fileSource(ledger), new ChannelIndexer.Settings(1000, 20_000, 2000,
                    64L << 20, Duration.ofMillis(50), OptionalLong.empty()), new ChannelIndexer.Listener() {
                @Override
                public void written(long id, io.baas.explorer.Checkpoint after, int count, OptionalLong height) {
                    reached.set(after.nextBlock());
                    if (after.nextBlock() >= blocks) {
                        indexer[0].stop();
                    }
                }
            });
            long cpu = processCpu();
            long start = System.nanoTime();
            ChannelIndexer.End end = indexer[0].run();
            double seconds = (System.nanoTime() - start) / 1e9;
            long txs = store.find(IndexedChannel.EXTERNAL, source).orElseThrow().txCount();
            System.out.printf("(a) indexed %,d blocks, %,d transactions in %.1f s (%s): %,.0f tx/s, %.1f µs of this process's CPU per"
                    + " transaction%n", reached.get(), txs, seconds, end, txs / seconds, (processCpu() - cpu) / 1e3 / txs);
            return txs / seconds;
        }
    }

    private static long countBlocks(Path ledger) throws IOException {
        long count = 0;
        try (InputStream in = open(ledger)) {
            while (Block.parseDelimitedFrom(in) != null) {
                count++;
            }
        }
        return count;
    }

    // ---- (b) one block at a time, one statement per row ----------------------------------------

    static double naive(Path ledger, String source) throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            long channel = new IndexStore(connection).register(IndexedChannel.CONSORTIUM, source, "mychannel",
                    Block.parseFrom(Fixtures.block(0))).id();
            long written = 0;
            long start = System.nanoTime();
            try (InputStream in = open(ledger);
                 PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM explorer_block WHERE channel = ? AND number = ?");
                 PreparedStatement block = connection.prepareStatement("INSERT INTO explorer_block (channel, number, header_hash,"
                         + " previous_hash, data_hash, tx_count, valid_tx_count, created_at, config, size_bytes, payload)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)");
                 PreparedStatement tx = connection.prepareStatement("INSERT INTO explorer_transaction (channel, block, tx_index, tx_id,"
                         + " type, creator_msp, creator_subject, chaincode, function, validation_code, created_at, endorsers, read_count,"
                         + " write_count, size_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement key = connection.prepareStatement("INSERT INTO explorer_written_key (channel, chaincode, key, block,"
                         + " tx_index, is_delete, valid) VALUES (?, ?, ?, ?, ?, false, true)")) {
                Block raw;
                while (written < NAIVE_TRANSACTIONS && (raw = Block.parseDelimitedFrom(in)) != null) {
                    var decoded = io.baas.fabric.block.BlockDecoder.decode(raw);
                    exists.setLong(1, channel);
                    exists.setLong(2, decoded.number());
                    if (exists.executeQuery().next()) {
                        continue;
                    }
                    block.setLong(1, channel);
                    block.setLong(2, decoded.number());
                    block.setBytes(3, decoded.headerHash().toByteArray());
                    block.setBytes(4, decoded.previousHash().toByteArray());
                    block.setBytes(5, decoded.dataHash().toByteArray());
                    block.setInt(6, decoded.transactions().size());
                    block.setInt(7, decoded.transactions().size());
                    block.setTimestamp(8, java.sql.Timestamp.from(decoded.transactions().get(0).timestamp()));
                    block.setInt(9, raw.getSerializedSize());
                    block.setBytes(10, raw.toByteArray());
                    block.executeUpdate();
                    for (var t : decoded.transactions()) {
                        var action = t.actions().isEmpty() ? null : t.actions().get(0);
                        tx.setLong(1, channel);
                        tx.setLong(2, decoded.number());
                        tx.setInt(3, t.index());
                        tx.setString(4, t.txId());
                        tx.setString(5, t.type().name());
                        tx.setString(6, t.creator().map(c -> c.mspId()).orElse(null));
                        tx.setString(7, t.creator().map(c -> c.certificate().getSubjectX500Principal().getName()).orElse(null));
                        tx.setString(8, action == null ? null : action.call().chaincode());
                        tx.setString(9, action == null ? null : action.call().function().orElse(null));
                        tx.setInt(10, t.validationCode().getNumber());
                        tx.setTimestamp(11, java.sql.Timestamp.from(t.timestamp()));
                        tx.setArray(12, connection.createArrayOf("text", action == null ? new String[0]
                                : action.endorsements().stream().map(e -> e.signer().mspId()).distinct().toArray(String[]::new)));
                        tx.setInt(13, 0);
                        tx.setInt(14, 0);
                        tx.setInt(15, raw.getData().getData(t.index()).size());
                        tx.executeUpdate();
                        if (action != null) {
                            for (var ns : action.readWriteSets()) {
                                for (var write : ns.writes()) {
                                    key.setLong(1, channel);
                                    key.setString(2, ns.namespace());
                                    key.setBytes(3, write.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                                    key.setLong(4, decoded.number());
                                    key.setInt(5, t.index());
                                    key.executeUpdate();
                                }
                            }
                        }
                        written++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("(b) one at a time: %,d transactions in %.1f s: %,.0f tx/s%n", written, seconds, written / seconds);
            return written / seconds;
        }
    }

    // ---- (c) PostgreSQL alone ------------------------------------------------------------------

    static double serverSide(String source, int perBlock) throws Exception {
        long rows = 500_000;
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            long channel = new IndexStore(connection).register(IndexedChannel.CONSORTIUM, source, "mychannel",
                    Block.parseFrom(Fixtures.block(0))).id();
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("INSERT INTO explorer_block (channel, number, header_hash, previous_hash, data_hash, tx_count,"
                        + " valid_tx_count, created_at, config, size_bytes, payload) SELECT " + channel + ", g,"
                        + " sha256(int8send(g)), sha256(int8send(g - 1)), sha256(int8send(-g)), " + perBlock + ", " + perBlock
                        + ", now(), false, " + perBlock * 4500 + ", NULL FROM generate_series(0, " + (rows / perBlock - 1) + ") g");
                statement.execute("INSERT INTO explorer_transaction (channel, block, tx_index, tx_id, type, creator_msp, creator_subject,"
                        + " chaincode, function, validation_code, created_at, endorsers, read_count, write_count, size_bytes, envelope_offset) SELECT "
                        + channel + ", g / " + perBlock + ", g % " + perBlock + ", encode(sha256(int8send(g)), 'hex'),"
                        + " 'ENDORSER_TRANSACTION', 'Org1MSP', 'CN=Admin@org1.example.com,OU=admin,L=San Francisco,ST=California,C=US',"
                        + " 'simple', 'invoke', 0, now(), ARRAY['Org1MSP','Org2MSP'], 2, 2, 4500, 16 + (g % " + perBlock + ") * 4500"
                        + " FROM generate_series(0, " + (rows - 1) + ") g");
                statement.execute("INSERT INTO explorer_written_key (channel, chaincode, key, block, tx_index, is_delete, valid) SELECT "
                        + channel + ", 'simple', convert_to('acct-' || ((g * 2 + k) % " + ACCOUNTS + "), 'UTF8'), g / " + perBlock + ", g % "
                        + perBlock + ", false, true FROM generate_series(0, " + (rows - 1) + ") g, generate_series(0, 1) k");
                connection.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("(c) server-side: %,d transactions (their blocks, rows and keys, no payloads) in %.1f s: %,.0f tx/s%n", rows,
                    seconds, rows / seconds);
            connection.setAutoCommit(true);
            new IndexStore(connection).remove(channel);
            return rows / seconds;
        }
    }

    // ---- (d) point queries ---------------------------------------------------------------------

    static void queries(String source, long transactions, int perBlock) throws Exception {
        AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(p -> p
                .maxSize(20).connectionFactoryConfiguration(f -> f.jdbcUrl(URL).principal(new NamePrincipal("postgres")))));
        try (pool) {
            ExplorerQueries queries = new ExplorerQueries(pool);
            IndexedChannel channel = queries.channel(IndexedChannel.EXTERNAL, source).orElseThrow();
            long blocks = channel.nextBlock();
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hashes.add(queries.block(channel, FIXTURE_HEIGHT + ThreadLocalRandom.current().nextLong(blocks - FIXTURE_HEIGHT), 1, 1)
                        .orElseThrow().block().headerHash());
            }
            List<Query> all = List.of(
                    new Query("transaction by ID", r -> queries.transactionSummary(channel, txId(r.nextLong(transactions))).orElseThrow()),
                    new Query("transaction detail", r -> queries.transaction(channel, txId(r.nextLong(transactions))).orElseThrow()),
                    new Query("block by hash", r -> queries.blockByHash(channel, HexFormat.of().parseHex(hashes.get(r.nextInt(hashes.size()))))
                            .orElseThrow()),
                    new Query("block by number", r -> queries.block(channel, r.nextLong(blocks), 1, 20).orElseThrow()),
                    new Query("block, all its txs", r -> queries.block(channel, r.nextLong(blocks), 1, 100).orElseThrow()),
                    new Query("key history", r -> queries.keyHistory(channel, "simple", "acct-" + r.nextInt(ACCOUNTS), 1, 20)),
                    new Query("search (tx ID)", r -> queries.search(channel, txId(r.nextLong(transactions))).orElseThrow()));
            System.out.printf("%n(d) at %,d transactions, %,d blocks (blocks of %d), %d queries each, through ExplorerQueries on a pool:%n",
                    channel.txCount(), blocks, perBlock, QUERIES);
            for (Query query : all) {
                for (int clients : new int[] {1, 16}) {
                    warm(query, QUERIES);
                    double[] p = measure(query, clients, QUERIES);
                    System.out.printf("    %-20s %2d clients: p50 %.2f ms, p99 %.2f ms%n", query.name(), clients, p[0], p[1]);
                }
            }
        }
    }

    /**
     * (d) through the REST API: the packaged service in embedded mode on this database (its
     * indexing off), the ledger read through the external-channel routes as the platform admin,
     * each answer checked for 200.
     */
    static void restQueries(String name, long transactions) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("BAAS_RUNTIME_NODES", "sandbox", "BAAS_EXPLORER_ENABLED", "false"));
        // -Dbench.service.jfr=FILE records a profile of the service (JFR) while it answers.
        Optional.ofNullable(System.getProperty("bench.service.jfr"))
                .ifPresent(file -> settings.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + file + ",settings=profile"));
        PackagedService service = PackagedService.start(DATABASE, settings);
        Thread stopper = new Thread(service::stop);
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            String base = "/externalchannels/" + name;
            long blocks = service.call(EmbeddedSeed.ADMIN, "GET", base, null).body().path("status").path("height").asLong();
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hashes.add(service.call(EmbeddedSeed.ADMIN, "GET", base + "/blocks/" + (FIXTURE_HEIGHT
                        + ThreadLocalRandom.current().nextLong(blocks - FIXTURE_HEIGHT)), null).body().path("block").path("headerHash").asText());
            }
            List<Query> all = List.of(
                    new Query("transaction by ID", r -> get(service, base + "/transactions/" + txId(r.nextLong(transactions)))),
                    new Query("block by hash", r -> get(service, base + "/blocks?hash=" + hashes.get(r.nextInt(hashes.size())))),
                    // The route's first page of the block's transactions (20), then all of a block of 100 in one answer.
                    new Query("block by number", r -> get(service, base + "/blocks/" + r.nextLong(blocks))),
                    new Query("block, all its txs", r -> get(service, base + "/blocks/" + r.nextLong(blocks) + "?limit=100")),
                    new Query("key history", r -> get(service, base + "/keys/simple/acct-" + r.nextInt(ACCOUNTS) + "/history?limit=20")),
                    new Query("search (tx ID)", r -> get(service, base + "/search?q=" + txId(r.nextLong(transactions)))),
                    // Filtered lists: the transactions that wrote a key (valid or not), the invalid ones (the fixture's few), and
                    // one of the first five pages of a chaincode's (nearly all of the ledger's), whose total is the indexer's count.
                    new Query("txs by key", r -> get(service, base + "/transactions?chaincode=simple&key=acct-" + r.nextInt(ACCOUNTS) + "&limit=20")),
                    new Query("invalid txs", r -> get(service, base + "/transactions?status=invalid&limit=20")),
                    new Query("txs by chaincode", r -> get(service, base + "/transactions?chaincode=simple&limit=20&page=" + (1 + r.nextInt(5)))));
            for (Query query : all) {
                for (int i = 0; i < REST_WARM_UP; i++) {
                    query.run().apply(ThreadLocalRandom.current());
                }
            }
            System.out.printf("%n(d) through the REST API (%s/...), %d queries each after %d to warm up:%n", base, REST_QUERIES,
                    REST_WARM_UP);
            long clockTicks = NotarizationBenchmark.clockTicks();
            long pid = service.process().pid();
            for (Query query : all) {
                for (int clients : new int[] {1, 16}) {
                    warm(query, REST_QUERIES);
                    // Where a request's CPU goes: at 16 clients the three processes share the 2 cores, so their sum bounds the rate.
                    long serviceCpu = NotarizationBenchmark.processCpuNanos(pid, clockTicks);
                    long databaseCpu = postgresCpuNanos(clockTicks);
                    long benchCpu = processCpu();
                    long started = System.nanoTime();
                    double[] p = measure(query, clients, REST_QUERIES);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("    %-20s %2d clients: p50 %.2f ms, p99 %.2f ms; %,.0f per s; CPU per request: service %.0f µs,"
                                    + " PostgreSQL %.0f µs, client %.0f µs%n", query.name(), clients, p[0], p[1], REST_QUERIES / seconds,
                            (NotarizationBenchmark.processCpuNanos(pid, clockTicks) - serviceCpu) / 1e3 / REST_QUERIES,
                            (postgresCpuNanos(clockTicks) - databaseCpu) / 1e3 / REST_QUERIES,
                            (processCpu() - benchCpu) / 1e3 / REST_QUERIES);
                }
            }
        } finally {
            service.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
        Files.deleteIfExists(service.log());
    }

    /** One kept-alive connection per client thread: the JDK client's own hand-offs stay out of the latencies. */
    private static final Map<PackagedService, KeepAliveHttp> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Object get(PackagedService service, String path) {
        KeepAliveHttp http = CLIENTS.computeIfAbsent(service, s -> new KeepAliveHttp("127.0.0.1", java.net.URI.create(s.url("/")).getPort()));
        try {
            KeepAliveHttp.Answer answer = http.send("GET", PackagedService.API + path, Map.of("Authorization", "Bearer " + PackagedService.token(EmbeddedSeed.ADMIN)), new byte[0]);
            if (answer.status() != 200) {
                throw new IllegalStateException(path + ": " + answer.status() + " " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Query(String name, Function<ThreadLocalRandom, Object> run) {
    }

    /** Warm-up before each measurement: the JIT compiles the query's path during the first thousands of calls. */
    private static void warm(Query query, int count) {
        for (int i = 0; i < count; i++) {
            query.run().apply(ThreadLocalRandom.current());
        }
    }

    private static double[] measure(Query query, int clients, int count) throws InterruptedException {
        long[] times = new long[count];
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    long start = System.nanoTime();
                    query.run().apply(ThreadLocalRandom.current());
                    times[(int) i] = System.nanoTime() - start;
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        java.util.Arrays.sort(times);
        return new double[] {times[count / 2] / 1e6, times[count * 99 / 100] / 1e6};
    }

    /** CPU of all PostgreSQL processes so far (the pooled backends live through a part; WAL writer and checkpointer included). */
    private static long postgresCpuNanos(long clockTicks) throws IOException {
        long sum = 0;
        try (var processes = Files.newDirectoryStream(Path.of("/proc"), entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        sum += NotarizationBenchmark.processCpuNanos(Long.parseLong(process.getFileName().toString()), clockTicks);
                    }
                } catch (IOException gone) {
                    // a process that ended meanwhile
                }
            }
        }
        return sum;
    }

    private static String txId(long sequence) {
        return HexFormat.of().formatHex(Sha256.digest(ByteString.copyFromUtf8("tx-" + sequence)).toByteArray());
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String lastIndexed() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT source FROM explorer_channel WHERE kind = '" + IndexedChannel.EXTERNAL
                     + "' AND source LIKE 'bench-%' ORDER BY id DESC LIMIT 1")) {
            if (!rows.next()) {
                throw new IllegalStateException("no ledger indexed in " + DATABASE + ": run with parts ad first");
            }
            return rows.getString(1);
        }
    }

    /** A new, empty database each run: the figures of one run do not depend on what earlier runs left. */
    private static void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }
}
