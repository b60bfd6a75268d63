package io.baas.fabric.configtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import java.time.Duration;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.junit.jupiter.api.Test;

/** The orderer's result of an update, against the configs Fabric wrote into blocks 1 and 2. */
class ConfigUpdateApplierTest {

    private static ConfigUpdate lastUpdate(int block) {
        return BlockDecoder.decode(Fixtures.block(block)).transactions().get(0).config().orElseThrow().lastUpdate()
                .orElseThrow().update();
    }

    @Test
    void theFixtureAnchorUpdatesProduceTheConfigsTheOrdererWrote() {
        assertThat(ConfigUpdateApplier.apply(FixtureChannel.config(0), lastUpdate(1))).isEqualTo(FixtureChannel.config(1));
        assertThat(ConfigUpdateApplier.apply(FixtureChannel.config(1), lastUpdate(2))).isEqualTo(FixtureChannel.config(2));
    }

    @Test
    void aChangedGroupThatOmitsAChildRemovesIt() {
        Config current = FixtureChannel.config(2);
        ConfigGroup application = current.getChannelGroup().getGroupsOrThrow("Application");
        ConfigGroup withoutOrg2 = application.toBuilder().removeGroups("Org2MSP").setVersion(application.getVersion() + 1).build();
        ConfigUpdate update = ConfigUpdate.newBuilder().setChannelId("mychannel")
                .setReadSet(ConfigGroup.newBuilder().putGroups("Application", application.toBuilder().clearValues().clearPolicies().build()))
                .setWriteSet(ConfigGroup.newBuilder().putGroups("Application", withoutOrg2))
                .build();

        Config next = ConfigUpdateApplier.apply(current, update);

        assertThat(next.getSequence()).isEqualTo(current.getSequence() + 1);
        assertThat(next.getChannelGroup().getGroupsOrThrow("Application").getGroupsMap()).containsOnlyKeys("Org1MSP");
        assertThat(next.getChannelGroup().getGroupsOrThrow("Orderer")).isEqualTo(current.getChannelGroup().getGroupsOrThrow("Orderer"));
    }

    @Test
    void goDurationsReadBack() {
        assertThat(GoDurations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(GoDurations.parse("1m30.5s")).isEqualTo(Duration.ofMillis(90_500));
        assertThat(GoDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> GoDurations.parse("2 s")).isInstanceOf(ChannelConfigException.class);
    }
}
