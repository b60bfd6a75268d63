package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a definition's commit waits: a peer that would endorse it has not committed every approval counted. */
class ChaincodeLifecycleTest {

    @Test
    void aPeerMissingOneApproversApprovalIsBehind() {
        Map<String, Map<String, Boolean>> seen = new LinkedHashMap<>();
        seen.put("org1/peer0", Map.of("Org1MSP", true, "Org2MSP", false));
        seen.put("org2/peer0", Map.of("Org1MSP", true, "Org2MSP", true));
        seen.put("org2/peer1", Map.of("Org1MSP", true));

        assertThat(ChaincodeLifecycle.behind(seen, Set.of("Org1MSP", "Org2MSP")))
                .containsExactly("org1/peer0 (has not yet committed every approval)", "org2/peer1 (has not yet committed every approval)");
    }

    @Test
    void approvalsOfOrganizationsThatDidNotApproveAreNotWaitedFor() {
        // Org3 has not approved (no consent): its approval is no reason to wait; the majority commits without it.
        Map<String, Map<String, Boolean>> seen = Map.of("org3/peer0", Map.of("Org1MSP", true, "Org2MSP", true, "Org3MSP", false));

        assertThat(ChaincodeLifecycle.behind(seen, Set.of("Org1MSP", "Org2MSP"))).isEmpty();
    }
}
