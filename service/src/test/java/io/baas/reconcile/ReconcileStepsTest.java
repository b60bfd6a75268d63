package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.ConditionReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReconcileStepsTest {

    enum Step {
        FIND_ORDERERS, JOIN_PEERS
    }

    @Test
    void reasonsAreDistinctCamelCaseWords() {
        assertThat(ConditionReason.MSP_ID_TAKEN.word()).isEqualTo("MspIdTaken");
        assertThat(ConditionReason.NOT_A_MEMBER.word()).isEqualTo("NotAMember");
        assertThat(Arrays.stream(ConditionReason.values()).map(ConditionReason::word))
                .doesNotHaveDuplicates()
                .allMatch(word -> word.matches("([A-Z][a-z]*)+"), "CamelCase");
    }

    @Test
    void aFailureNamesTheStepItHappenedInAndKeepsItsReason() {
        Steps<Step> steps = new Steps<>();
        assertThat(steps.get(Step.FIND_ORDERERS, () -> "orderer0")).isEqualTo("orderer0");
        RuntimeException thrown = catchIn(() -> steps.run(Step.JOIN_PEERS, () -> {
            throw new ReconcileException(ConditionReason.PEER_REFUSED, "peer0 refused the block.");
        }));

        ReconcileException failure = steps.failure(thrown);
        assertThat(failure.reason()).isEqualTo(ConditionReason.PEER_REFUSED);
        assertThat(failure.step()).contains("JoinPeers");
        assertThat(failure.getMessage()).isEqualTo("peer0 refused the block.");
        assertThat(failure.describe()).isEqualTo("Step JoinPeers failed: peer0 refused the block.");
        assertThat(steps.failure(failure)).as("named once, by the step it happened in").isSameAs(failure);
    }

    @Test
    void anUnforeseenFailureIsApplyFailedWithItsCause() {
        Steps<Step> steps = new Steps<>();
        IllegalStateException cause = new IllegalStateException("the API server went away");
        RuntimeException thrown = catchIn(() -> steps.run(Step.FIND_ORDERERS, () -> {
            throw cause;
        }));

        ReconcileException failure = steps.failure(thrown);
        assertThat(failure.reason()).isEqualTo(ConditionReason.APPLY_FAILED);
        assertThat(failure.describe()).isEqualTo("Step FindOrderers failed: the API server went away");
        assertThat(failure).hasCause(cause);
    }

    @Test
    void aFailureBeforeAnyStepHasNoStep() {
        ReconcileException failure = new Steps<Step>().failure(new ReconcileException(ConditionReason.CA_MISSING, "No CA."));
        assertThat(failure.step()).isEmpty();
        assertThat(failure.describe()).isEqualTo("No CA.");
    }

    private static RuntimeException catchIn(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the step to fail");
    }
}
