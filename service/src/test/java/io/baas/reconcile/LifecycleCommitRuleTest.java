package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the approvals so far are enough to commit, under the channel's LifecycleEndorsement rule. */
class LifecycleCommitRuleTest {

    private static final List<String> THREE = List.of("grain", "dock", "barge");

    @Test
    void theDefaultIsAMajorityOfTheChannelsOrganizations() {
        assertThat(LifecycleCommitRule.met(null, THREE, Set.of("grain"))).isFalse();
        assertThat(LifecycleCommitRule.met(null, THREE, Set.of("grain", "barge"))).as("one silent member holds no one up").isTrue();
        assertThat(LifecycleCommitRule.met(null, List.of("grain", "dock"), Set.of("grain"))).as("of two, both").isFalse();
        assertThat(LifecycleCommitRule.met("MAJORITY Endorsement", List.of("grain", "dock"), Set.of("grain", "dock"))).isTrue();
    }

    @Test
    void anyAndAllAreReadAsFabricReadsThem() {
        assertThat(LifecycleCommitRule.met("ANY Endorsement", THREE, Set.of("dock"))).isTrue();
        assertThat(LifecycleCommitRule.met("ANY Endorsement", THREE, Set.of())).isFalse();
        assertThat(LifecycleCommitRule.met("ALL Endorsement", THREE, Set.of("grain", "dock"))).isFalse();
        assertThat(LifecycleCommitRule.met("ALL Endorsement", THREE, Set.of("grain", "dock", "barge"))).isTrue();
    }

    /** Approvals of organizations that left the channel do not count. */
    @Test
    void onlyTheChannelsOrganizationsCount() {
        assertThat(LifecycleCommitRule.met(null, THREE, Set.of("grain", "former-member"))).isFalse();
    }

    @Test
    void aSignaturePolicyRuleWaitsForEveryOrganization() {
        String rule = "OR('GrainMSP.peer', 'DockMSP.peer')";
        assertThat(LifecycleCommitRule.met(rule, THREE, Set.of("grain", "dock"))).isFalse();
        assertThat(LifecycleCommitRule.met(rule, THREE, Set.of("grain", "dock", "barge"))).isTrue();
    }
}
