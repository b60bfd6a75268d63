package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.fabric.chaincode.ChaincodePackage;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.admin.FabricAdminException;
import io.baas.fabric.admin.PeerAdminClient;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.fabric.lifecycle.LifecycleClient;
import io.baas.fabric.gateway.FabricGatewayException;
import io.baas.fabric.gateway.GatewayConnections;
import io.baas.fabric.gateway.GatewayPeer;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.operations.Operations;
import io.baas.fabric.sandbox.operations.Operations.Sample;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeJars;
import io.baas.fabric.transaction.Proposals;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox peers' Gateway service driven by the real fabric-gateway 1.10 client, through the
 * project's gateway layer and once configured exactly as for a real peer: two organizations (anchor
 * peers in the genesis block), chaincodes approved and committed through the gateway itself,
 * submit and evaluate, chaincode and block events with replay from a checkpoint, an MVCC conflict
 * of two transactions endorsed on the same state, a one-organization endorsement under the majority policy, and
 * a dead peer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayServiceTest {

    private static final String CHANNEL = SandboxNetwork.CHANNEL;
    private static final SandboxNetwork NETWORK = new SandboxNetwork();

    @TempDir
    static Path jars;
    @TempDir
    static Path peer1Data;
    static OrderingNode orderer;
    static PeerNode peer1;
    static PeerNode peer2;
    static GatewayConnections connections;
    static FabricGateway gateway;
    static GatewayPeer gateway1;
    static GatewayPeer gateway2;

    @BeforeAll
    static void network() throws Exception {
        ChaincodePackage alpha = sandboxPackage("alpha", ChaincodeJars.ALPHA);
        ChaincodePackage beta = sandboxPackage("beta", ChaincodeJars.BETA);
        orderer = OrderingNode.start(NETWORK.ordererSettings());
        peer1 = PeerNode.start(NETWORK.peerSettings(1, orderer.port(), jars).withDataDirectory(peer1Data));
        peer2 = PeerNode.start(NETWORK.peerSettings(2, orderer.port(), jars));
        // Ten transactions or half a second per block: two submitted together land in one block.
        AnchoredChannel.join(NETWORK, orderer, peer1, peer2, new BatchSize(10, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofMillis(500));
        connections = new GatewayConnections();
        gateway = SandboxGateway.patient(connections);
        lifecycle = new LifecycleClient(gateway, Duration.ofSeconds(60), SandboxNetwork.CLOCK);
        gateway1 = SandboxGateway.peer(NETWORK, 1, peer1);
        gateway2 = SandboxGateway.peer(NETWORK, 2, peer2);

        // Install straight to each peer; approve endorsed by each organization's own peer; commit endorsed by both.
        for (ChaincodePackage chaincode : List.of(alpha, beta)) {
            assertThat(lifecycle.install(gateway1, NETWORK.org1Admin, chaincode).outcome()).isEqualTo(LifecycleClient.Outcome.DONE);
            assertThat(lifecycle.install(gateway2, NETWORK.org2Admin, chaincode).outcome()).isEqualTo(LifecycleClient.Outcome.DONE);
            ChaincodeDefinition definition = definition(chaincode);
            assertThat(lifecycle.approve(gateway1, NETWORK.org1Admin, CHANNEL, definition, chaincode.packageId()).outcome())
                    .isEqualTo(LifecycleClient.Outcome.DONE);
            // The approval is committed on peer1 (its gateway waited for that); peer2 may still be behind.
            PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);
            assertThat(lifecycle.checkCommitReadiness(gateway2, NETWORK.org2Admin, CHANNEL, definition))
                    .containsEntry("Org1MSP", true).containsEntry("Org2MSP", false);
            lifecycle.approve(gateway2, NETWORK.org2Admin, CHANNEL, definition, chaincode.packageId());
            // Now peer1 may be the one behind: endorsing the commit on a state without Org2's approval
            // would give a different result than peer2's, and the gateway would refuse to assemble it.
            PeerWaits.awaitCaughtUp(peer1, peer2, CHANNEL);
            assertThat(lifecycle.commit(gateway1, NETWORK.org1Admin, CHANNEL, definition).outcome()).isEqualTo(LifecycleClient.Outcome.DONE);
        }
        ALPHA = alpha;
    }

    static LifecycleClient lifecycle;
    static ChaincodePackage ALPHA;

    private static ChaincodeDefinition definition(ChaincodePackage chaincode) {
        return ChaincodeDefinition.of(chaincode.label().substring(0, chaincode.label().indexOf('_')), "1.0", 1, false);
    }

    @Test
    @Order(0)
    void lifecycleStepsRunAgainAreNoOpsThatSaySo() {
        LifecycleClient.Step install = lifecycle.install(gateway1, NETWORK.org1Admin, ALPHA);
        assertThat(install).isEqualTo(new LifecycleClient.Step(LifecycleClient.Outcome.ALREADY_DONE, ALPHA.packageId()));
        assertThat(lifecycle.queryInstalled(gateway2, NETWORK.org2Admin)).extracting(cc -> cc.getPackageId()).contains(ALPHA.packageId());
        assertThat(lifecycle.approve(gateway2, NETWORK.org2Admin, CHANNEL, definition(ALPHA), ALPHA.packageId()).outcome())
                .isEqualTo(LifecycleClient.Outcome.ALREADY_DONE);
        assertThat(lifecycle.commit(gateway2, NETWORK.org2Admin, CHANNEL, definition(ALPHA)).outcome())
                .isEqualTo(LifecycleClient.Outcome.ALREADY_DONE);
        assertThat(lifecycle.queryCommitted(gateway1, NETWORK.org1User, CHANNEL, "alpha").orElseThrow().getApprovalsMap())
                .containsEntry("Org1MSP", true).containsEntry("Org2MSP", true);
        assertThat(lifecycle.queryCommitted(gateway1, NETWORK.org1User, CHANNEL, "gamma")).isEmpty();
        // A different definition at the committed sequence is refused with the peer's own words.
        assertThatThrownBy(() -> lifecycle.approve(gateway1, NETWORK.org1Admin, CHANNEL,
                ChaincodeDefinition.of("alpha", "2.0", 3, false), ALPHA.packageId()))
                .isInstanceOfSatisfying(FabricGatewayException.class, e -> assertThat(e.getMessage()).contains("sequence"));
    }

    @AfterAll
    static void stop() {
        connections.close();
        peer1.close();
        peer2.close();
        orderer.close();
    }

    @Test
    @Order(1)
    void aSubmittedTransactionIsCommittedAndEvaluatedOnTheOtherOrganizationsPeer() throws Exception {
        FabricGateway.Committed put = gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "color", "blue"));
        assertThat(put.blockNumber()).isPositive();
        // Read back through qscc as any channel member may, and decoded with the data layer.
        try (PeerAdminClient qscc = new PeerAdminClient("127.0.0.1", peer2.port(), List.of(NETWORK.tlsCa(2)), Duration.ofSeconds(20),
                SandboxNetwork.CLOCK)) {
            Block block = qscc.blockByTxId(NETWORK.org2Admin, CHANNEL, put.transactionId());
            assertThat(block.getHeader().getNumber()).isEqualTo(put.blockNumber());
            assertThat(qscc.block(NETWORK.org2Admin, CHANNEL, put.blockNumber())).isEqualTo(block);
            assertThat(qscc.blockByHash(NETWORK.org2Admin, CHANNEL, io.baas.fabric.block.BlockHashes.headerHash(block.getHeader())))
                    .isEqualTo(block);
            var decoded = io.baas.fabric.block.BlockDecoder.decode(block);
            assertThat(decoded.transactions()).singleElement().satisfies(tx -> {
                assertThat(tx.txId()).isEqualTo(put.transactionId());
                assertThat(tx.valid()).isTrue();
                assertThat(tx.actions().get(0).readWriteSets()).anySatisfy(ns -> assertThat(ns.namespace()).isEqualTo("alpha"));
            });
            assertThat(qscc.transaction(NETWORK.org2Admin, CHANNEL, put.transactionId()).getValidationCode())
                    .isEqualTo(TxValidationCode.VALID_VALUE);
            assertThat(qscc.chainInfo(NETWORK.org2Admin, CHANNEL).getHeight()).isGreaterThan(put.blockNumber());
            assertThatThrownBy(() -> qscc.chainInfo(SandboxNetwork.stranger(), CHANNEL)).isInstanceOf(FabricAdminException.class);
        }
        assertThat(new String(gateway.evaluate(NETWORK.org2Admin, gateway2, FabricGateway.Call.of(CHANNEL, "alpha", "get", "color")),
                StandardCharsets.UTF_8)).isEqualTo("blue");
        assertThat(peer2.channels().channel(CHANNEL).orElseThrow().peerLedger().transaction(put.transactionId()).orElseThrow()
                .validationCode()).isEqualTo(TxValidationCode.VALID);
    }

    @Test
    @Order(2)
    void theRealClientConfiguredAsForAFabricPeerSubmitsAndEvaluates() throws Exception {
        withPlainClient(alpha -> {
            alpha.submitTransaction("put", "shape", "round");
            assertThat(new String(alpha.evaluateTransaction("get", "shape"), StandardCharsets.UTF_8)).isEqualTo("round");
        });
    }

    /** The official fabric-gateway client, as an application would configure it for peer2, on chaincode alpha. */
    private static void withPlainClient(ContractWork work) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", peer2.port(),
                TlsChannelCredentials.newBuilder().trustManager(new java.io.ByteArrayInputStream(
                        Identities.toPemString(NETWORK.tlsCa(2)).getBytes(StandardCharsets.US_ASCII))).build()).build();
        var admin = NETWORK.org2AdminIdentity;
        try (Gateway plain = Gateway.newInstance()
                .identity(new X509Identity("Org2MSP", admin.signing().certificate()))
                .signer(Signers.newPrivateKeySigner(admin.signing().privateKey()))
                .connection(channel)
                .connect()) {
            work.run(plain.getNetwork(CHANNEL).getContract("alpha"));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private interface ContractWork {
        void run(Contract contract) throws Exception;
    }

    @Test
    @Order(3)
    void twoChaincodesWithTheirOwnDefaultContractsRunSideBySide() {
        assertThat(new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "who")),
                StandardCharsets.UTF_8)).isEqualTo("alpha");
        assertThat(new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "beta", "who")),
                StandardCharsets.UTF_8)).isEqualTo("beta");
        assertThatThrownBy(() -> gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "beta", "put", "k", "v")))
                .isInstanceOf(FabricGatewayException.class)
                .satisfies(e -> assertThat(((FabricGatewayException) e).kind()).isEqualTo(FabricGatewayException.Kind.ENDORSEMENT_FAILED));
    }

    @Test
    @Order(4)
    void twoTransactionsEndorsedOnTheSameStateLeaveOneMvccReadConflict() throws Exception {
        gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "counter", "x"));
        PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);
        // Both endorsed before either is submitted, so both read the same version of the key, however
        // slowly the machine runs: exactly one can commit valid. (Two in one block: BlockCommitterTest.)
        withPlainClient(alpha -> {
            var first = alpha.newProposal("append").addArguments("counter", "a").build().endorse();
            var second = alpha.newProposal("append").addArguments("counter", "b").build().endorse();
            var firstStatus = first.submitAsync().getStatus();
            var secondStatus = second.submitAsync().getStatus();
            assertThat(List.of(firstStatus.getCode(), secondStatus.getCode()))
                    .containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
            assertThat(peer2.channels().channel(CHANNEL).orElseThrow().peerLedger().transaction(secondStatus.getTransactionId())
                    .orElseThrow().validationCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        });
        assertThat(new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "get", "counter")),
                StandardCharsets.UTF_8)).isEqualTo("xa");
    }

    @Test
    @Order(5)
    void oneOrganizationEndorsingAloneFailsTheMajorityPolicyAtCommit() {
        assertThatThrownBy(() -> gateway.submit(NETWORK.org1User, gateway1,
                FabricGateway.Call.of(CHANNEL, "alpha", "put", "alone", "yes").endorsedBy("Org1MSP")))
                .isInstanceOfSatisfying(FabricGatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FabricGatewayException.Kind.INVALIDATED);
                    assertThat(e.validationCode()).contains(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
                });
        assertThat(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "get", "alone"))).isEmpty();
    }

    /**
     * The operations endpoints after the transactions above: each channel's height, every committed
     * transaction counted with its type, chaincode and validation code (the MVCC conflict and the
     * policy failure among them), the proposals the peer endorsed, the broadcasts the orderer took.
     */
    @Test
    @Order(6)
    void theOperationsEndpointsAnswerWithFabricsMetrics() throws Exception {
        PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);
        var channel = peer2.channels().channel(CHANNEL).orElseThrow();
        long height = channel.peerLedger().height();
        Map<String, Long> expected = new java.util.TreeMap<>();
        long endorserTransactions = 0;
        for (long number = 1; number < height; number++) {
            for (DecodedTransaction transaction : BlockDecoder.decode(channel.ledger().get(number).orElseThrow()).transactions()) {
                // The chaincode the proposal invoked, as the block decoder reads it from the proposal payload.
                String chaincode = transaction.type() == org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION
                        ? transaction.actions().get(0).call().chaincode() : "";
                expected.merge(transaction.type().name() + "/" + chaincode + "/" + transaction.validationCode().name(), 1L, Long::sum);
                if (transaction.type() == org.hyperledger.fabric.protos.common.HeaderType.ENDORSER_TRANSACTION) {
                    endorserTransactions++;
                }
            }
        }
        assertThat(expected).containsEntry("ENDORSER_TRANSACTION/alpha/MVCC_READ_CONFLICT", 1L)
                .containsEntry("ENDORSER_TRANSACTION/alpha/ENDORSEMENT_POLICY_FAILURE", 1L);

        List<Sample> peer = Operations.metrics(peer2.operationsPort());
        assertThat(Operations.value(peer, "ledger_blockchain_height", Map.of("channel", CHANNEL))).isEqualTo(height);
        Map<String, Long> counted = new java.util.TreeMap<>();
        peer.stream().filter(sample -> sample.name().equals("ledger_transaction_count") && CHANNEL.equals(sample.labels().get("channel")))
                .forEach(sample -> counted.put(sample.labels().get("transaction_type") + "/" + sample.labels().get("chaincode") + "/"
                        + sample.labels().get("validation_code"), (long) sample.value()));
        assertThat(counted).as("every transaction of blocks 1 to %d, by type, chaincode and code", height - 1).isEqualTo(expected);
        long received = (long) Operations.value(peer, "endorser_proposals_received", Map.of());
        long successful = (long) Operations.value(peer, "endorser_successful_proposals", Map.of());
        long failed = peer.stream().filter(sample -> sample.name().equals("endorser_endorsement_failures")).mapToLong(sample -> (long) sample.value()).sum()
                + (long) Operations.value(peer, "endorser_proposal_validation_failures", Map.of());
        assertThat(successful).isPositive();
        assertThat(received).isEqualTo(successful + failed);
        assertThat(peer.stream().filter(sample -> sample.name().equals("endorser_proposal_duration_count")).mapToLong(sample -> (long) sample.value())
                .sum()).as("a duration for every proposal that passed validation").isEqualTo(received
                - (long) Operations.value(peer, "endorser_proposal_validation_failures", Map.of()));
        assertThat(Operations.value(peer, "fabric_version", Map.of("version", "2.5.5"))).isEqualTo(1);

        List<Sample> ordering = Operations.metrics(orderer.operationsPort());
        assertThat(Operations.value(ordering, "ledger_blockchain_height", Map.of("channel", CHANNEL)))
                .isEqualTo(orderer.channels().info(CHANNEL).orElseThrow().height());
        assertThat(Operations.value(ordering, "broadcast_processed_count", Map.of("channel", CHANNEL, "type", "ENDORSER_TRANSACTION",
                "status", "SUCCESS"))).as("every endorser transaction in the blocks was broadcast").isEqualTo(endorserTransactions);
        assertThat(Operations.value(ordering, "consensus_etcdraft_is_leader", Map.of("channel", CHANNEL))).isEqualTo(1);
        assertThat(Operations.value(ordering, "consensus_etcdraft_leader_changes", Map.of("channel", CHANNEL))).isEqualTo(1);

        assertThat(Operations.get(peer2.operationsPort(), "/healthz")).satisfies(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).startsWith("{\"status\":\"OK\",\"time\":\"");
        });
        assertThat(Operations.get(orderer.operationsPort(), "/version").body()).isEqualTo("{\"CommitSHA\":\"sandbox\",\"Version\":\"2.5.5\"}\n");
        assertThat(Operations.get(orderer.operationsPort(), "/logspec2").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void chaincodeAndBlockEventsArriveAndReplayFromACheckpoint() throws Exception {
        long start = peer1.channels().channel(CHANNEL).orElseThrow().peerLedger().height();
        List<String> keys = List.of("e1", "e2", "e3");
        List<FabricGateway.Committed> committed = new ArrayList<>();
        for (String key : keys) {
            committed.add(gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", key, "v")));
        }
        InMemoryCheckpointer checkpointer = new InMemoryCheckpointer();
        try (CloseableIterator<ChaincodeEvent> events = gateway.chaincodeEvents(NETWORK.org2Admin, gateway2, CHANNEL, "alpha",
                OptionalLong.of(start), null)) {
            ChaincodeEvent firstEvent = events.next();
            assertThat(firstEvent.getEventName()).isEqualTo("put");
            assertThat(new String(firstEvent.getPayload(), StandardCharsets.UTF_8)).isEqualTo("e1");
            assertThat(firstEvent.getTransactionId()).isEqualTo(committed.get(0).transactionId());
            checkpointer.checkpointChaincodeEvent(firstEvent);
        }
        // Replayed after the checkpoint: the next events, not the first again.
        try (CloseableIterator<ChaincodeEvent> replay = gateway.chaincodeEvents(NETWORK.org2Admin, gateway2, CHANNEL, "alpha",
                OptionalLong.empty(), checkpointer)) {
            assertThat(new String(replay.next().getPayload(), StandardCharsets.UTF_8)).isEqualTo("e2");
            assertThat(new String(replay.next().getPayload(), StandardCharsets.UTF_8)).isEqualTo("e3");
        }
        try (CloseableIterator<Block> blocks = gateway.blockEvents(NETWORK.org1User, gateway1, CHANNEL,
                OptionalLong.of(committed.get(1).blockNumber()), null)) {
            Block block = blocks.next();
            assertThat(block.getHeader().getNumber()).isEqualTo(committed.get(1).blockNumber());
            assertThat(block).isEqualTo(peer1.channels().channel(CHANNEL).orElseThrow().ledger().get(block.getHeader().getNumber()).orElseThrow());
        }
    }

    @Test
    @Order(8)
    void aPeerStartedAgainOnItsDataDirectoryHasItsLedgerAndChaincodesBack() throws Exception {
        var before = peer1.channels().channel(CHANNEL).orElseThrow().peerLedger();
        long height = before.height();
        Block last = before.last();
        String history = new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "history", "color")),
                StandardCharsets.UTF_8);
        int port = peer1.port();
        peer1.close();

        peer1 = PeerNode.start(NETWORK.peerSettings(1, orderer.port(), jars).withDataDirectory(peer1Data));
        assertThat(peer1.port()).as("where the channel's anchor peer entry says it is").isEqualTo(port);
        var after = peer1.channels().channel(CHANNEL).orElseThrow().peerLedger();
        assertThat(after.height()).isEqualTo(height);
        assertThat(after.last()).isEqualTo(last);
        assertThat(after.info()).isEqualTo(before.info());
        // State, history and the installed, committed chaincode come back without a reinstall.
        assertThat(new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "get", "color")),
                StandardCharsets.UTF_8)).isEqualTo("blue");
        assertThat(new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "history", "color")),
                StandardCharsets.UTF_8)).isEqualTo(history);
        // And it commits what the orderer cuts next, chained on what it had.
        FabricGateway.Committed next = gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "color", "green"));
        assertThat(next.blockNumber()).isEqualTo(height);
        assertThat(new String(gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "get", "color")),
                StandardCharsets.UTF_8)).isEqualTo("green");
    }

    @Test
    @Order(9)
    void strangersAreRefusedAndADeadPeerIsNamed() {
        Signer stranger = SandboxNetwork.stranger();
        assertThatThrownBy(() -> gateway.submit(stranger, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "k", "v")))
                .isInstanceOfSatisfying(FabricGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(FabricGatewayException.Kind.ENDORSEMENT_FAILED));
        assertThatThrownBy(() -> gateway.evaluate(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "nosuch", "get", "k")))
                .isInstanceOfSatisfying(FabricGatewayException.class, e -> assertThat(e.getMessage()).contains("nosuch"));

        int deadPort = peer2.port();
        peer2.close();
        assertThatThrownBy(() -> gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "k", "v")))
                .isInstanceOfSatisfying(FabricGatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FabricGatewayException.Kind.ENDORSEMENT_FAILED);
                    assertThat(e.peers()).anySatisfy(peer -> {
                        assertThat(peer.mspId()).isEqualTo("Org2MSP");
                        assertThat(peer.address()).isEqualTo("127.0.0.1:" + deadPort);
                    });
                });
        assertThatThrownBy(() -> gateway.evaluate(NETWORK.org2Admin, gateway2, FabricGateway.Call.of(CHANNEL, "alpha", "get", "k")))
                .isInstanceOfSatisfying(FabricGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(FabricGatewayException.Kind.UNAVAILABLE));
    }

    private static ChaincodePackage sandboxPackage(String name, String contracts) {
        return ChaincodeJars.sandboxPackage(name, ChaincodeJars.build(jars, name + ".jar", contracts));
    }

    private static org.hyperledger.fabric.protos.peer.ProposalResponse propose(PeerClientChannel client, Signer signer,
                                                                              io.baas.fabric.transaction.ProposalRequest request) {
        return client.stub(60).processProposal(Proposals.create(request, signer.identity(), SandboxNetwork.CLOCK).sign(signer));
    }
}
