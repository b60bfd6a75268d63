package io.baas.fabric.configtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import io.baas.fabric.block.DecodedBlock;
import io.baas.fabric.block.DecodedTransaction;
import io.baas.fabric.transaction.TransactionIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.junit.jupiter.api.Test;

/** The fixture channel described in Java and built, against configtxgen's genesis block. */
class ChannelConfigBuilderTest {

    private static final Config FIXTURE_GENESIS = BlockDecoder.decode(Fixtures.bytes("config/mychannel-genesis.block"))
            .transactions().get(0).config().orElseThrow().config();

    @Test
    void theDescribedFixtureChannelBuildsConfigtxgensConfigTree() {
        Config built = ChannelConfigBuilder.build(FixtureChannel.description());

        assertSameTree("/Channel", FIXTURE_GENESIS.getChannelGroup(), built.getChannelGroup());
        assertEquals(0, built.getSequence());
        // Byte-equal values and policies make the whole messages equal, maps compared by content.
        assertEquals(FIXTURE_GENESIS, built);
    }

    @Test
    void theGenesisBlockHasConfigtxgensLayout() {
        ByteString nonce = ByteString.copyFromUtf8("twenty-four bytes nonce!");
        Block block = GenesisBlocks.create("mychannel", ChannelConfigBuilder.build(FixtureChannel.description()),
                Instant.parse("2026-11-23T19:23:15.750Z"), nonce);
        DecodedBlock decoded = BlockDecoder.decode(block.toByteArray());
        DecodedBlock fixture = BlockDecoder.decode(Fixtures.bytes("config/mychannel-genesis.block"));
        DecodedTransaction tx = decoded.transactions().get(0);
        DecodedTransaction fixtureTx = fixture.transactions().get(0);

        assertEquals(0, decoded.number());
        assertTrue(decoded.previousHash().isEmpty());
        assertTrue(decoded.dataHashMatches());
        assertEquals(1, decoded.transactions().size());
        assertEquals(HeaderType.CONFIG, tx.type());
        assertEquals(fixtureTx.type(), tx.type());
        assertEquals(fixtureTx.channelHeaderVersion(), tx.channelHeaderVersion());
        assertEquals(fixtureTx.channelId(), tx.channelId());
        assertEquals(Instant.parse("2026-11-23T19:23:15Z"), tx.timestamp());
        assertEquals(nonce, tx.nonce());
        assertEquals(TransactionIds.compute(nonce, ByteString.EMPTY), tx.txId());
        assertTrue(tx.creator().isEmpty() && fixtureTx.creator().isEmpty());
        assertEquals(FIXTURE_GENESIS, tx.config().orElseThrow().config());
        assertTrue(tx.config().orElseThrow().lastUpdate().isEmpty());
        // configtxgen's metadata bytes (the fixture's orderer copy of block 0 has the same).
        Block fixtureBlock = parseBlock(Fixtures.bytes("config/mychannel-genesis.block"));
        assertEquals(fixtureBlock.getMetadata(), block.getMetadata());
        assertEquals(fixtureBlock.getHeader().getPreviousHash(), block.getHeader().getPreviousHash());
    }

    @Test
    void theFixturesConfigtxgenTxIdIsTheHashOfItsNonce() {
        DecodedTransaction fixtureTx = BlockDecoder.decode(Fixtures.bytes("config/mychannel-genesis.block")).transactions().get(0);

        assertEquals(TransactionIds.compute(fixtureTx.nonce(), ByteString.EMPTY), fixtureTx.txId());
    }

    @Test
    void aclsAndOtherSettingsAreWrittenAsConfigtxgenEncodesThem() throws Exception {
        ChannelDescription fixture = FixtureChannel.description();
        ApplicationSection application = fixture.application();
        ChannelDescription changed = fixture
                .withApplication(new ApplicationSection(application.organizations(), application.capabilities(),
                        application.policies(), Map.of("peer/Propose", "/Channel/Application/Writers",
                                "_lifecycle/CommitChaincodeDefinition", "/Channel/Application/Writers")))
                .withOrderer(fixture.orderer().withBatchTimeout(Duration.ofMillis(1500)));

        ConfigGroup channel = ChannelConfigBuilder.build(changed).getChannelGroup();
        ACLs acls = ACLs.parseFrom(channel.getGroupsOrThrow("Application").getValuesOrThrow("ACLs").getValue());

        assertEquals("/Channel/Application/Writers", acls.getAclsOrThrow("peer/Propose").getPolicyRef());
        assertEquals(2, acls.getAclsCount());
        assertEquals("Admins", channel.getGroupsOrThrow("Application").getValuesOrThrow("ACLs").getModPolicy());
        assertEquals("1.5s", org.hyperledger.fabric.protos.orderer.BatchTimeout.parseFrom(
                channel.getGroupsOrThrow("Orderer").getValuesOrThrow("BatchTimeout").getValue()).getTimeout());
        assertFalse(FIXTURE_GENESIS.getChannelGroup().getGroupsOrThrow("Application").containsValues("ACLs"));
    }

    @Test
    void anchorPeersOfAnUnknownOrganizationAreRefused() {
        ApplicationSection application = FixtureChannel.description().application();

        ChannelConfigException error = assertThrows(ChannelConfigException.class,
                () -> application.withAnchorPeers("Org9MSP", List.of(new HostPort("peer0.org9", 7051))));
        assertTrue(error.getMessage().contains("no application organization Org9MSP"), error.getMessage());
    }

    @Test
    void invalidDescriptionsAreRefusedWithTheReason() {
        ChannelDescription fixture = FixtureChannel.description();
        ApplicationOrganization org1 = fixture.application().organization("Org1MSP");

        assertMessage("organization Org1MSP is listed twice",
                () -> fixture.application().withOrganization(org1));
        assertMessage("has no Admins policy", () -> ChannelConfigBuilder.build(fixture.withApplication(
                fixture.application().withOrganization(new ApplicationOrganization("Org3MSP",
                        MspDescription.of("Org3MSP", org1.msp().rootCerts().get(0), org1.msp().tlsRootCerts().get(0)),
                        List.of(), Map.of("Readers", new PolicyDefinition.Signature("OR('Org3MSP.member')"),
                                "Writers", new PolicyDefinition.Signature("OR('Org3MSP.member')")))))));
        assertMessage("channel id 'MyChannel'",
                () -> ChannelDescription.of("MyChannel", fixture.orderer(), fixture.application()));
        assertMessage("has no root CA certificate", () -> new MspDescription("Org3MSP", List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), java.util.Optional.empty()));
        assertMessage("invalid TLS root certificate", () -> MspDescription.of("Org3MSP", org1.msp().rootCerts().get(0),
                ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")));
        assertMessage("preferred max bytes", () -> new BatchSize(10, 1024, 2048));
        assertMessage("port 0", () -> new HostPort("peer0", 0));
        assertThrows(io.baas.fabric.policy.PolicyException.class, () -> new PolicyDefinition.Signature("OR('Org1MSP.boss')"));
    }

    @Test
    void durationsAreWrittenAsGoWritesThem() {
        assertEquals("2s", GoDurations.format(Duration.ofSeconds(2)));
        assertEquals("500ms", GoDurations.format(Duration.ofMillis(500)));
        assertEquals("1m30s", GoDurations.format(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", GoDurations.format(Duration.ofHours(1)));
        assertEquals("2.5s", GoDurations.format(Duration.ofMillis(2500)));
        assertEquals("1.5µs", GoDurations.format(Duration.ofNanos(1500)));
        assertEquals("0s", GoDurations.format(Duration.ZERO));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        ChannelConfigException error = assertThrows(ChannelConfigException.class, action);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    /** Walks both trees so a mismatch names its path instead of dumping two configs. */
    static void assertSameTree(String path, ConfigGroup expected, ConfigGroup actual) {
        assertEquals(expected.getVersion(), actual.getVersion(), path + " version");
        assertEquals(expected.getModPolicy(), actual.getModPolicy(), path + " mod_policy");
        assertEquals(new TreeSet<>(expected.getValuesMap().keySet()), new TreeSet<>(actual.getValuesMap().keySet()), path + " values");
        expected.getValuesMap().forEach((name, value) -> assertEquals(value, actual.getValuesOrThrow(name), path + "/" + name));
        assertEquals(new TreeSet<>(expected.getPoliciesMap().keySet()), new TreeSet<>(actual.getPoliciesMap().keySet()), path + " policies");
        expected.getPoliciesMap().forEach((name, policy) -> assertEquals(policy, actual.getPoliciesOrThrow(name), path + "/" + name));
        assertEquals(new TreeSet<>(expected.getGroupsMap().keySet()), new TreeSet<>(actual.getGroupsMap().keySet()), path + " groups");
        expected.getGroupsMap().forEach((name, group) -> assertSameTree(path + "/" + name, group, actual.getGroupsOrThrow(name)));
    }

    private static Block parseBlock(byte[] bytes) {
        try {
            return Block.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
