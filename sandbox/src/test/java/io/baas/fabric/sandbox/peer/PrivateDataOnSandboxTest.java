package io.baas.fabric.sandbox.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.fabric.Sha256;
import io.baas.fabric.chaincode.ChaincodePackage;
import io.baas.fabric.configtx.BatchSize;
import io.baas.fabric.configtx.HostPort;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.fabric.gateway.FabricGatewayException;
import io.baas.fabric.gateway.GatewayConnections;
import io.baas.fabric.gateway.GatewayPeer;
import io.baas.fabric.identity.Signer;
import io.baas.fabric.lifecycle.ChaincodeDefinition;
import io.baas.fabric.lifecycle.LifecycleClient;
import io.baas.fabric.policy.SignaturePolicies;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.SandboxNetwork;
import io.baas.fabric.sandbox.peer.chaincode.ChaincodeJars;
import io.baas.fabric.sandbox.peer.ledger.PrivateHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private data collections on two sandbox peers of two organizations, driven by the real
 * fabric-gateway client: a chaincode defined with collections through the lifecycle; values sent
 * as transient data, kept only by members' peers, hashes on both ledgers and in the block, never
 * the value; Fabric's refusals in Fabric's words (read permission, a peer without the data, an
 * unknown collection, a write before a private query, a dissemination that cannot reach enough
 * peers, an endorsement the collection's organizations cannot give); dissemination to the other
 * member's peer; blockToLive purging; an implicit collection used between the two organizations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivateDataOnSandboxTest {

    private static final String CHANNEL = SandboxNetwork.CHANNEL;
    private static final SandboxNetwork NETWORK = new SandboxNetwork();
    private static final String ORG1_ONLY = "org1only";
    private static final long ORG1_ONLY_BLOCK_TO_LIVE = 3;

    /** What the peers' chaincode handlers log about refused calls. */
    private static final java.util.Queue<String> PEER_LOG = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final java.util.logging.Logger HANDLER_LOG = java.util.logging.Logger.getLogger(
            "io.baas.fabric.sandbox.peer.chaincode.StubBridge");

    static {
        HANDLER_LOG.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                PEER_LOG.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

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
    static long org1OnlyBlock;

    @BeforeAll
    static void network() throws Exception {
        orderer = OrderingNode.start(NETWORK.ordererSettings());
        peer1 = PeerNode.start(NETWORK.peerSettings(1, orderer.port(), jars).withDataDirectory(peer1Data));
        peer2 = PeerNode.start(NETWORK.peerSettings(2, orderer.port(), jars));
        // One transaction per block, so blockToLive counts the test's own transactions.
        AnchoredChannel.join(NETWORK, orderer, peer1, peer2, new BatchSize(1, 99 * BatchSize.MEGABYTE, 512 * 1024), Duration.ofMillis(200));
        connections = new GatewayConnections();
        gateway = SandboxGateway.patient(connections);
        LifecycleClient lifecycle = new LifecycleClient(gateway, Duration.ofSeconds(60), SandboxNetwork.CLOCK);
        gateway1 = SandboxGateway.peer(NETWORK, 1, peer1);
        gateway2 = SandboxGateway.peer(NETWORK, 2, peer2);

        ChaincodePackage alpha = ChaincodeJars.sandboxPackage("alpha", ChaincodeJars.build(jars, "alpha.jar", ChaincodeJars.ALPHA));
        ChaincodeDefinition definition = ChaincodeDefinition.of("alpha", "1.0", 1, false).withCollections(Optional.of(
                CollectionConfigPackage.newBuilder()
                        .addConfig(collection(ORG1_ONLY, "OR('Org1MSP.member')", 0, 1, ORG1_ONLY_BLOCK_TO_LIVE, "OR('Org1MSP.member')"))
                        .addConfig(collection("org1plain", "OR('Org1MSP.member')", 0, 1, 0, null))
                        .addConfig(collection("shared", "OR('Org1MSP.member','Org2MSP.member')", 1, 1, 0,
                                "OR('Org1MSP.member','Org2MSP.member')"))
                        .addConfig(collection("needs2", "OR('Org1MSP.member','Org2MSP.member')", 2, 2, 0,
                                "OR('Org1MSP.member','Org2MSP.member')"))
                        .build()));
        assertThat(lifecycle.install(gateway1, NETWORK.org1Admin, alpha).outcome()).isEqualTo(LifecycleClient.Outcome.DONE);
        assertThat(lifecycle.install(gateway2, NETWORK.org2Admin, alpha).outcome()).isEqualTo(LifecycleClient.Outcome.DONE);
        lifecycle.approve(gateway1, NETWORK.org1Admin, CHANNEL, definition, alpha.packageId());
        lifecycle.approve(gateway2, NETWORK.org2Admin, CHANNEL, definition, alpha.packageId());
        // The commit is endorsed by both peers: each must have both approvals, or their results differ.
        PeerWaits.awaitCaughtUp(peer1, peer2, CHANNEL);
        assertThat(lifecycle.commit(gateway1, NETWORK.org1Admin, CHANNEL, definition).outcome()).isEqualTo(LifecycleClient.Outcome.DONE);
        PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);
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
    void aValueSentAsTransientDataStaysWithTheCollectionsOrganizationWhileBothLedgersHoldItsHash() throws Exception {
        FabricGateway.Committed put = gateway.submit(NETWORK.org1User, gateway1,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", ORG1_ONLY, "k1"), "secret-1"));
        org1OnlyBlock = put.blockNumber();
        PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);

        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", ORG1_ONLY, "k1")).isEqualTo("secret-1");
        // memberOnlyRead: Org2's member is refused by the chaincode handler, in Fabric's words.
        refused(() -> evaluate(NETWORK.org2Admin, gateway2, "getPrivate", ORG1_ONLY, "k1"),
                "GET_STATE failed: transaction ID: ", ": tx creator does not have read access permission on privatedata in"
                        + " chaincodeName:alpha collectionName: " + ORG1_ONLY);
        // Org1's member on Org2's peer: the peer has the hash but never had the value.
        refused(() -> evaluate(NETWORK.org1User, gateway2, "getPrivate", ORG1_ONLY, "k1"),
                "private data matching public hash version is not available. Public hash version = {BlockNum: " + put.blockNumber()
                        + ", TxNum: 0}, Private data version = <nil>");
        String expectedHash = HexFormat.of().formatHex(Sha256.digest("secret-1".getBytes(StandardCharsets.UTF_8)).toByteArray());
        assertThat(evaluate(NETWORK.org2Admin, gateway2, "privateHash", ORG1_ONLY, "k1")).isEqualTo(expectedHash);
        assertThat(evaluate(NETWORK.org1User, gateway1, "privateHash", ORG1_ONLY, "k1")).isEqualTo(expectedHash);
        for (PeerNode peer : List.of(peer1, peer2)) {
            var state = peer.channels().channel(CHANNEL).orElseThrow().peerLedger().state();
            assertThat(state.privateHash("alpha", ORG1_ONLY, PrivateHash.keyHash("k1")).orElseThrow().valueHash())
                    .isEqualTo(Sha256.digest("secret-1".getBytes(StandardCharsets.UTF_8)));
            Block block = peer.channels().channel(CHANNEL).orElseThrow().peerLedger().block(put.blockNumber()).orElseThrow();
            assertThat(block.toByteString().toStringUtf8()).as("the value is in no block, not even as transient data")
                    .doesNotContain("secret-1");
        }
        assertThat(peer1.channels().channel(CHANNEL).orElseThrow().peerLedger().state().privateValue("alpha", ORG1_ONLY, "k1"))
                .hasValueSatisfying(value -> assertThat(value.value().toStringUtf8()).isEqualTo("secret-1"));
        assertThat(peer2.channels().channel(CHANNEL).orElseThrow().peerLedger().state().privateValue("alpha", ORG1_ONLY, "k1")).isEmpty();
    }

    @Test
    @Order(2)
    void afterBlockToLiveBlocksTheValueAndItsHashArePurgedOnEveryPeer() {
        long purgedAt = org1OnlyBlock + ORG1_ONLY_BLOCK_TO_LIVE + 1;
        long height = peer1.channels().channel(CHANNEL).orElseThrow().peerLedger().height();
        // Blocks up to written + blockToLive still have it.
        for (long block = height; block < purgedAt; block++) {
            gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "tick", Long.toString(block)));
        }
        assertThat(peer1.channels().channel(CHANNEL).orElseThrow().peerLedger().height()).isEqualTo(purgedAt);
        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", ORG1_ONLY, "k1")).isEqualTo("secret-1");

        gateway.submit(NETWORK.org1User, gateway1, FabricGateway.Call.of(CHANNEL, "alpha", "put", "tick", "purge"));
        PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);
        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", ORG1_ONLY, "k1")).as("nil, no error, as in Fabric").isEmpty();
        assertThat(evaluate(NETWORK.org2Admin, gateway2, "privateHash", ORG1_ONLY, "k1")).isEmpty();
        assertThat(evaluate(NETWORK.org1User, gateway2, "getPrivate", ORG1_ONLY, "k1")).as("no hash, no value: nothing to refuse").isEmpty();
    }

    @Test
    @Order(3)
    void theOtherMembersPeerGetsTheValueByDisseminationWhenOnlyOnePeerEndorsed() {
        gateway.submit(NETWORK.org2Admin, gateway2,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", "shared", "s1"), "both").endorsedBy("Org2MSP"));
        PeerWaits.awaitCaughtUp(peer1, peer2, CHANNEL);
        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", "shared", "s1")).isEqualTo("both");
        assertThat(evaluate(NETWORK.org1User, gateway1, "privateRange", "shared", "", "")).isEqualTo("s1=both");
    }

    @Test
    @Order(4)
    void anImplicitCollectionCarriesDataFromOneOrganizationToAnother() {
        String collection = "_implicit_org_Org2MSP";
        gateway.submit(NETWORK.org1User, gateway1,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", collection, "offer"), "42 bales").endorsedBy("Org2MSP"));
        PeerWaits.awaitCaughtUp(peer2, peer1, CHANNEL);
        assertThat(evaluate(NETWORK.org2Admin, gateway2, "getPrivate", collection, "offer")).isEqualTo("42 bales");
        assertThat(evaluate(NETWORK.org1User, gateway1, "privateHash", collection, "offer"))
                .isEqualTo(HexFormat.of().formatHex(Sha256.digest("42 bales".getBytes(StandardCharsets.UTF_8)).toByteArray()));
        refused(() -> evaluate(NETWORK.org1User, gateway1, "getPrivate", collection, "offer"),
                "private data matching public hash version is not available");
    }

    @Test
    @Order(5)
    void fabricsRefusalsComeInFabricsWords() {
        refused(() -> evaluate(NETWORK.org1User, gateway1, "getPrivate", "nope", "k"),
                "collection " + CHANNEL + "/alpha/nope could not be found");
        refused(() -> evaluate(NETWORK.org1User, gateway1, "privateHash", "nope", "k"),
                "GET_PRIVATE_DATA_HASH failed", "collection [nope] not defined in the collection config for chaincode [alpha]");
        refused(() -> evaluate(NETWORK.org1User, gateway1, "putThenPrivateRange", "shared"),
                "unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
        assertThatThrownBy(() -> gateway.submit(NETWORK.org1User, gateway1,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", "needs2", "n"), "v")))
                .hasMessageContaining("failed to distribute private collection")
                .hasMessageContaining("required to disseminate to at least 2 peers, but know of only 1 eligible peers");
        // An Org1-only collection without its own policy falls back to the chaincode's (both organizations), which the gateway
        // may not ask Org2 for: the transient data must not leave Org1.
        assertThatThrownBy(() -> gateway.submit(NETWORK.org1User, gateway1,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", "org1plain", "p"), "v")))
                .hasMessageContaining("requires endorsement from organisation(s) that are not in the distribution policy of the private"
                        + " data collection(s): [Org2MSP]");
        assertThat(peer2.channels().channel(CHANNEL).orElseThrow().peerLedger().state().privateHash("alpha", "org1plain",
                PrivateHash.keyHash("p"))).isEmpty();
    }

    @Test
    @Order(6)
    void theLifecycleRefusesCollectionsFabricWouldRefuse() {
        LifecycleClient lifecycle = new LifecycleClient(gateway, Duration.ofSeconds(60), SandboxNetwork.CLOCK);
        ChaincodeDefinition strangers = ChaincodeDefinition.of("alpha", "1.1", 2, false).withCollections(Optional.of(
                CollectionConfigPackage.newBuilder().addConfig(collection("x", "OR('Org3MSP.member')", 0, 1, 0, null)).build()));
        assertThatThrownBy(() -> lifecycle.approve(gateway1, NETWORK.org1Admin, CHANNEL, strangers, "any"))
                .hasMessageContaining("error validating chaincode definition: collection-name: x -- collection member 'Org3MSP' is not part"
                        + " of the channel");
        // A new sequence may not drop the committed collections.
        ChaincodeDefinition dropped = ChaincodeDefinition.of("alpha", "1.1", 2, false).withCollections(Optional.of(
                CollectionConfigPackage.newBuilder().addConfig(collection(ORG1_ONLY, "OR('Org1MSP.member')", 0, 1, ORG1_ONLY_BLOCK_TO_LIVE,
                        null)).build()));
        assertThatThrownBy(() -> lifecycle.approve(gateway1, NETWORK.org1Admin, CHANNEL, dropped, "any"))
                .hasMessageContaining("error validating chaincode definition: existing collection [org1plain] missing in the proposed"
                        + " collection configuration");
    }

    @Test
    @Order(7)
    void aPeerStartedAgainOnItsDataDirectoryHasItsPrivateValuesBackAndThePurgedOnesStillGone() {
        var before = peer1.channels().channel(CHANNEL).orElseThrow().peerLedger();
        long height = before.height();
        peer1.close();

        peer1 = PeerNode.start(NETWORK.peerSettings(1, orderer.port(), jars).withDataDirectory(peer1Data));
        var after = peer1.channels().channel(CHANNEL).orElseThrow().peerLedger();
        assertThat(after.height()).isEqualTo(height);
        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", "shared", "s1")).as("received by dissemination, kept on disk")
                .isEqualTo("both");
        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", ORG1_ONLY, "k1")).as("purged before the restart, purged after")
                .isEmpty();
        assertThat(after.state().privateHash("alpha", ORG1_ONLY, PrivateHash.keyHash("k1"))).isEmpty();
        assertThat(after.state().privateHash("alpha", "_implicit_org_Org2MSP", PrivateHash.keyHash("offer"))).as("a hash, from the block")
                .isPresent();
        // And it goes on committing private data.
        gateway.submit(NETWORK.org1User, gateway1,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", ORG1_ONLY, "k2"), "secret-2"));
        assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", ORG1_ONLY, "k2")).isEqualTo("secret-2");
    }

    @Test
    @Order(8)
    void deletedAndPurgedKeysAreGoneFromValuesAndHashes() {
        gateway.submit(NETWORK.org1User, gateway1,
                withTransient(FabricGateway.Call.of(CHANNEL, "alpha", "putPrivate", "shared", "s2"), "short-lived"));
        gateway.submit(NETWORK.org2Admin, gateway2, FabricGateway.Call.of(CHANNEL, "alpha", "delPrivate", "shared", "s1"));
        gateway.submit(NETWORK.org2Admin, gateway2, FabricGateway.Call.of(CHANNEL, "alpha", "purgePrivate", "shared", "s2"));
        PeerWaits.awaitCaughtUp(peer1, peer2, CHANNEL);
        for (String key : List.of("s1", "s2")) {
            assertThat(evaluate(NETWORK.org1User, gateway1, "getPrivate", "shared", key)).isEmpty();
            assertThat(evaluate(NETWORK.org2Admin, gateway2, "privateHash", "shared", key)).isEmpty();
        }
        assertThat(evaluate(NETWORK.org1User, gateway1, "privateRange", "shared", "", "")).isEmpty();
    }

    @Test
    @Order(9)
    void aPushOfPrivateDataIsTakenOnlyFromAPeerAndOnlyForACollectionOfTheReceiversOrganization() {
        var payload = new io.baas.fabric.sandbox.peer.privdata.PrivateDataPush.Payload(CHANNEL, "forged-tx", "alpha",
                org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet.newBuilder().setCollectionName("shared").build(),
                StaticCollectionConfig.getDefaultInstance(), 1);
        HostPort peer2Address = new HostPort("127.0.0.1", peer2.port());
        try (var fromAUser = new io.baas.fabric.sandbox.peer.privdata.PrivateDataPush(NETWORK.org1User);
             var fromAPeer = new io.baas.fabric.sandbox.peer.privdata.PrivateDataPush(NETWORK.org1Peer)) {
            assertThatThrownBy(() -> fromAUser.send(peer2Address, List.of(NETWORK.tlsCa(2)), payload))
                    .hasMessageContaining("the sender is not a valid peer identity of channel " + CHANNEL);
            var notOrg2s = new io.baas.fabric.sandbox.peer.privdata.PrivateDataPush.Payload(CHANNEL, "forged-tx", "alpha",
                    org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet.newBuilder().setCollectionName(ORG1_ONLY).build(),
                    StaticCollectionConfig.getDefaultInstance(), 1);
            assertThatThrownBy(() -> fromAPeer.send(peer2Address, List.of(NETWORK.tlsCa(2)), notOrg2s))
                    .hasMessageContaining("Org2MSP is not a member of collection alpha/" + ORG1_ONLY);
        }
    }

    /**
     * A state call the peer's handler refused: as with a real peer and the Java shim, the client
     * sees the shim's generic "Unsuccessful response received." and the peer logs Fabric's reason.
     */
    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... reason) {
        PEER_LOG.clear();
        assertThatThrownBy(call).isInstanceOf(FabricGatewayException.class).hasMessageContaining("Unsuccessful response received.");
        assertThat(PEER_LOG).anySatisfy(line -> assertThat(line).contains(reason));
    }

    private static String evaluate(Signer signer, GatewayPeer peer, String function, String... args) {
        return new String(gateway.evaluate(signer, peer, FabricGateway.Call.of(CHANNEL, "alpha", function, args)), StandardCharsets.UTF_8);
    }

    private static FabricGateway.Call withTransient(FabricGateway.Call call, String value) {
        return new FabricGateway.Call(call.channel(), call.chaincode(), call.function(), call.arguments(),
                Map.of("value", value.getBytes(StandardCharsets.UTF_8)), call.endorsingOrganizations());
    }

    private static CollectionConfig collection(String name, String members, int required, int maximum, long blockToLive,
                                               String endorsement) {
        StaticCollectionConfig.Builder config = StaticCollectionConfig.newBuilder().setName(name)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(SignaturePolicies.parse(members)))
                .setRequiredPeerCount(required).setMaximumPeerCount(maximum).setBlockToLive(blockToLive)
                .setMemberOnlyRead(true).setMemberOnlyWrite(true);
        if (endorsement != null) {
            config.setEndorsementPolicy(ApplicationPolicy.newBuilder().setSignaturePolicy(SignaturePolicies.parse(endorsement)));
        }
        return CollectionConfig.newBuilder().setStaticCollectionConfig(config).build();
    }
}
