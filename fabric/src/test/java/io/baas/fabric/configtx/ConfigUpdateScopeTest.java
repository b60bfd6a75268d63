package io.baas.fabric.configtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.junit.jupiter.api.Test;

/** Which updates stay inside one organization's own group, on the fixture channel (Org1MSP, Org2MSP). */
class ConfigUpdateScopeTest {

    private static final HostPort ORG1_ANCHOR = new HostPort("127.0.0.1", 7051);
    private static final HostPort ORG2_ANCHOR = new HostPort("127.0.0.1", 9051);

    private static ConfigUpdateScope scope(Config current, Config desired) {
        ConfigUpdate update = ConfigUpdateCalculator.compute("mychannel", current, desired);
        return ConfigUpdateScope.of(current, update);
    }

    @Test
    void oneOrganizationAddingItsAnchorPeerIsItsOwnAct() {
        ConfigUpdateScope scope = scope(FixtureChannel.config(0), ConfigUpdateCalculatorTest.withAnchors(ORG1_ANCHOR, null));
        assertThat(scope.ownGroup()).hasValue(new ConfigUpdateScope.OwnGroup("Application", "Org1MSP", Set.of("AnchorPeers")));
        assertThat(scope.changed()).contains("[Value]  /Channel/Application/Org1MSP/AnchorPeers");
    }

    @Test
    void anOrganizationMovingItsExistingAnchorPeerIsItsOwnAct() {
        Config current = ConfigUpdateCalculatorTest.withAnchors(ORG1_ANCHOR, ORG2_ANCHOR);
        ConfigUpdateScope scope = scope(current, ConfigUpdateCalculatorTest.withAnchors(ORG1_ANCHOR, new HostPort("127.0.0.1", 9999)));
        assertThat(scope.ownGroup()).hasValue(new ConfigUpdateScope.OwnGroup("Application", "Org2MSP", Set.of("AnchorPeers")));
        assertThat(scope.changed()).containsExactly("[Value]  /Channel/Application/Org2MSP/AnchorPeers");
    }

    @Test
    void twoOrganizationsAtOnceAreNoOnesOwnAct() {
        ConfigUpdateScope scope = scope(FixtureChannel.config(0), ConfigUpdateCalculatorTest.withAnchors(ORG1_ANCHOR, ORG2_ANCHOR));
        assertThat(scope.ownGroup()).isEmpty();
        assertThat(scope.changed()).contains("[Value]  /Channel/Application/Org1MSP/AnchorPeers",
                "[Value]  /Channel/Application/Org2MSP/AnchorPeers");
    }

    @Test
    void aChannelPolicyIsNoOrganizationsOwn() {
        Config current = FixtureChannel.config(0);
        Config desired = edit(current, "Application", null, group -> group.putPolicies("Endorsement",
                group.getPoliciesOrThrow("Readers").toBuilder().build()));
        ConfigUpdateScope scope = scope(current, desired);
        assertThat(scope.ownGroup()).isEmpty();
        assertThat(scope.changed()).containsExactly("[Policy] /Channel/Application/Endorsement");
    }

    @Test
    void anOrganizationsPoliciesAndModPoliciesAreNotChangedAlone() {
        Config current = ConfigUpdateCalculatorTest.withAnchors(ORG1_ANCHOR, null);
        Config readers = edit(current, "Application", "Org1MSP", group -> group.putPolicies("Readers",
                group.getPoliciesOrThrow("Admins").toBuilder().build()));
        assertThat(scope(current, readers).ownGroup()).as("a policy of its group").isEmpty();

        Config modPolicy = edit(current, "Application", "Org1MSP", group -> group.putValues("AnchorPeers",
                group.getValuesOrThrow("AnchorPeers").toBuilder().setModPolicy("/Channel/Application/Readers").build()));
        assertThat(scope(current, modPolicy).ownGroup()).as("who may change its anchor peers").isEmpty();

        Config anchorsAndPolicy = edit(ConfigUpdateCalculatorTest.withAnchors(new HostPort("127.0.0.1", 1111), null),
                "Application", "Org1MSP", group -> group.putPolicies("Readers", group.getPoliciesOrThrow("Admins").toBuilder().build()));
        assertThat(scope(current, anchorsAndPolicy).ownGroup()).as("anchors plus a policy").isEmpty();

        Config removedPolicy = edit(FixtureChannel.config(0), "Application", "Org1MSP", group -> group.removePolicies("Readers"));
        assertThat(scope(FixtureChannel.config(0), edit(removedPolicy, "Application", "Org1MSP", g -> g.putValues("AnchorPeers",
                current.getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow("Org1MSP").getValuesOrThrow("AnchorPeers"))))
                .ownGroup()).as("anchors added while a policy goes").isEmpty();
    }

    @Test
    void theOrderingServicesSettingsAreNoOrganizationsOwn() {
        Config current = FixtureChannel.config(0);
        Config desired = edit(current, "Orderer", null, group -> group.putValues("BatchTimeout",
                group.getValuesOrThrow("BatchTimeout").toBuilder().setValue(com.google.protobuf.ByteString.copyFromUtf8("x")).build()));
        ConfigUpdateScope scope = scope(current, desired);
        assertThat(scope.ownGroup()).isEmpty();
        assertThat(scope.changed()).isEqualTo(List.of("[Value]  /Channel/Orderer/BatchTimeout"));
    }

    /** The config with one group (a section, or an organization in it) edited. */
    private static Config edit(Config config, String section, String organization, UnaryOperator<ConfigGroup.Builder> change) {
        ConfigGroup sectionGroup = config.getChannelGroup().getGroupsOrThrow(section);
        ConfigGroup edited = organization == null ? change.apply(sectionGroup.toBuilder()).build()
                : sectionGroup.toBuilder().putGroups(organization,
                        change.apply(sectionGroup.getGroupsOrThrow(organization).toBuilder()).build()).build();
        return config.toBuilder().setChannelGroup(config.getChannelGroup().toBuilder().putGroups(section, edited)).build();
    }
}
