package io.baas.fabric.configtx;

import static io.baas.fabric.configtx.ChannelConfigBuilderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.junit.jupiter.api.Test;

/** compute_update's rules, checked against configtxlator's own output in the fixture. */
class ConfigUpdateCalculatorTest {

    private static final ChannelDescription CHANNEL = FixtureChannel.description();
    private static final HostPort ORG1_ANCHOR = new HostPort("127.0.0.1", 7051);
    private static final HostPort ORG2_ANCHOR = new HostPort("127.0.0.1", 9051);

    static ConfigUpdate fixtureUpdate(String mspId) throws Exception {
        return ConfigUpdate.parseFrom(Fixtures.bytes("config/anchor-updates/" + mspId + "/config_update.pb"));
    }

    static Config withAnchors(HostPort org1, HostPort org2) {
        ApplicationSection application = CHANNEL.application();
        if (org1 != null) {
            application = application.withAnchorPeers("Org1MSP", List.of(org1));
        }
        if (org2 != null) {
            application = application.withAnchorPeers("Org2MSP", List.of(org2));
        }
        return ChannelConfigBuilder.build(CHANNEL.withApplication(application));
    }

    @Test
    void addingOrg1sAnchorPeerGivesConfigtxlatorsUpdate() throws Exception {
        ConfigUpdate computed = ConfigUpdateCalculator.compute("mychannel", FixtureChannel.config(0), withAnchors(ORG1_ANCHOR, null));

        assertEquals(fixtureUpdate("Org1MSP"), computed);
    }

    @Test
    void addingOrg2sAnchorPeerOnTopOfBlock1GivesConfigtxlatorsUpdate() throws Exception {
        ConfigUpdate computed = ConfigUpdateCalculator.compute("mychannel", FixtureChannel.config(1),
                withAnchors(ORG1_ANCHOR, ORG2_ANCHOR));

        assertEquals(fixtureUpdate("Org2MSP"), computed);
        // The update the orderer committed in block 2 carries the same decoded ConfigUpdate.
        assertEquals(computed, BlockDecoder.decode(Fixtures.block(2)).transactions().get(0)
                .config().orElseThrow().lastUpdate().orElseThrow().update());
    }

    @Test
    void theDesiredConfigsVersionsDoNotMatterOnlyItsContent() throws Exception {
        // Block 1's config is block 0's plus Org1's anchor peer, with the versions the orderer bumped.
        assertEquals(fixtureUpdate("Org1MSP"),
                ConfigUpdateCalculator.compute("mychannel", FixtureChannel.config(0), FixtureChannel.config(1)));
    }

    @Test
    void aBatchSizeChangeReadsAndWritesOnlyTheValueAtItsGroupsVersion() throws Exception {
        Config current = FixtureChannel.config(2);
        Config desired = ChannelConfigBuilder.build(CHANNEL
                .withApplication(CHANNEL.application()
                        .withAnchorPeers("Org1MSP", List.of(ORG1_ANCHOR))
                        .withAnchorPeers("Org2MSP", List.of(ORG2_ANCHOR)))
                .withOrderer(CHANNEL.orderer().withBatchSize(new BatchSize(20, 99 * BatchSize.MEGABYTE, 512 * 1024))));

        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current, desired);

        // No membership changed anywhere: groups are read and written at version 0 without mod
        // policies, and the changed value appears in the write set only, at version 0 + 1.
        ConfigValue batchSize = desired.getChannelGroup().getGroupsOrThrow("Orderer").getValuesOrThrow("BatchSize");
        ConfigGroup readSet = ConfigGroup.newBuilder()
                .putGroups("Orderer", ConfigGroup.getDefaultInstance())
                .build();
        ConfigGroup writeSet = ConfigGroup.newBuilder()
                .putGroups("Orderer", ConfigGroup.newBuilder()
                        .putValues("BatchSize", batchSize.toBuilder().setVersion(1).build())
                        .build())
                .build();
        assertEquals(ConfigUpdate.newBuilder().setChannelId("mychannel").setReadSet(readSet).setWriteSet(writeSet).build(), update);
        assertEquals(20, org.hyperledger.fabric.protos.orderer.BatchSize.parseFrom(
                update.getWriteSet().getGroupsOrThrow("Orderer").getValuesOrThrow("BatchSize").getValue()).getMaxMessageCount());
    }

    @Test
    void addingAnOrganizationReversionsTheApplicationGroupAndWritesTheOrganizationWhole() {
        Config current = FixtureChannel.config(2);
        ApplicationOrganization org3 = ApplicationOrganization.of(TestMsps.generate("Org3MSP"));
        Config desired = ChannelConfigBuilder.build(CHANNEL.withApplication(CHANNEL.application()
                .withAnchorPeers("Org1MSP", List.of(ORG1_ANCHOR))
                .withAnchorPeers("Org2MSP", List.of(ORG2_ANCHOR))
                .withOrganization(org3)));

        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current, desired);

        ConfigGroup readApplication = update.getReadSet().getGroupsOrThrow("Application");
        ConfigGroup writeApplication = update.getWriteSet().getGroupsOrThrow("Application");
        // The channel group itself only contains the change: version 0, no mod policy.
        assertEquals(0, update.getWriteSet().getVersion());
        assertEquals("", update.getWriteSet().getModPolicy());
        assertEquals(List.of("Application"), List.copyOf(update.getWriteSet().getGroupsMap().keySet()));
        // Application's membership changed: read at 0, written at 1 with its mod policy, and
        // every unchanged member listed by version in both sets (Org1MSP and Org2MSP are at 1).
        assertEquals(0, readApplication.getVersion());
        assertEquals(1, writeApplication.getVersion());
        assertEquals("Admins", writeApplication.getModPolicy());
        assertEquals("", readApplication.getModPolicy());
        for (ConfigGroup set : List.of(readApplication, writeApplication)) {
            assertEquals(ConfigGroup.newBuilder().setVersion(1).build(), set.getGroupsOrThrow("Org1MSP"));
            assertEquals(ConfigGroup.newBuilder().setVersion(1).build(), set.getGroupsOrThrow("Org2MSP"));
            assertEquals(ConfigValue.getDefaultInstance(), set.getValuesOrThrow("Capabilities"));
            assertEquals(5, set.getPoliciesCount());
            set.getPoliciesMap().values().forEach(policy -> assertEquals(ConfigPolicy.getDefaultInstance(), policy));
        }
        assertFalse(readApplication.containsGroups("Org3MSP"));
        // The new organization is written whole, everything in it at version 0.
        assertEquals(ChannelConfigBuilder.applicationOrganization(org3), writeApplication.getGroupsOrThrow("Org3MSP"));
    }

    @Test
    void removingAnOrganizationLeavesItOutOfTheReversionedGroup() {
        Config current = FixtureChannel.config(2);
        ConfigGroup.Builder channel = current.getChannelGroup().toBuilder();
        channel.putGroups("Application", channel.getGroupsOrThrow("Application").toBuilder().removeGroups("Org2MSP").build());

        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current,
                current.toBuilder().setChannelGroup(channel).build());

        ConfigGroup written = update.getWriteSet().getGroupsOrThrow("Application");
        assertEquals(1, written.getVersion());
        assertEquals(Map.of("Org1MSP", ConfigGroup.newBuilder().setVersion(1).build()), written.getGroupsMap());
        assertEquals(1, update.getReadSet().getGroupsOrThrow("Application").getGroupsCount());
    }

    @Test
    void changingOnlyAGroupsModPolicyReversionsItWithTheNewPolicy() {
        Config current = FixtureChannel.config(2);
        ConfigGroup.Builder channel = current.getChannelGroup().toBuilder();
        channel.putGroups("Orderer", channel.getGroupsOrThrow("Orderer").toBuilder().setModPolicy("/Channel/Admins").build());

        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current, current.toBuilder().setChannelGroup(channel).build());

        ConfigGroup written = update.getWriteSet().getGroupsOrThrow("Orderer");
        assertEquals(1, written.getVersion());
        assertEquals("/Channel/Admins", written.getModPolicy());
        assertEquals(ConfigValue.getDefaultInstance(), written.getValuesOrThrow("BatchSize"));
        assertEquals(ConfigGroup.getDefaultInstance(), written.getGroupsOrThrow("OrdererOrg"));
    }

    @Test
    void identicalContentIsNoUpdateEvenWithOtherVersions() {
        Config current = FixtureChannel.config(2);

        assertMessage("no differences detected between original and updated config",
                () -> ConfigUpdateCalculator.compute("mychannel", current, current));
        assertMessage("no differences detected between original and updated config",
                () -> ConfigUpdateCalculator.compute("mychannel", current, withAnchors(ORG1_ANCHOR, ORG2_ANCHOR)));
        assertMessage("no channel group included for original config",
                () -> ConfigUpdateCalculator.compute("mychannel", Config.getDefaultInstance(), current));
        assertMessage("no channel group included for updated config",
                () -> ConfigUpdateCalculator.compute("mychannel", current, Config.getDefaultInstance()));
    }

    @Test
    void differenceSaysNothingToDoWithoutAnErrorButStillRefusesConfigsWithoutChannelGroup() {
        Config current = FixtureChannel.config(2);

        assertTrue(ConfigUpdateCalculator.difference("mychannel", current, withAnchors(ORG1_ANCHOR, ORG2_ANCHOR)).isEmpty());
        assertEquals(ConfigUpdateCalculator.compute("mychannel", FixtureChannel.config(0), FixtureChannel.config(1)),
                ConfigUpdateCalculator.difference("mychannel", FixtureChannel.config(0), FixtureChannel.config(1)).orElseThrow());
        assertMessage("no channel group included for original config",
                () -> ConfigUpdateCalculator.difference("mychannel", Config.getDefaultInstance(), current));
    }
}
