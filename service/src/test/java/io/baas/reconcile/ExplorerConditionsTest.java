package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Channel;
import io.baas.crd.Condition;
import io.baas.crd.ConditionReason;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel pass writes its own conditions and leaves the explorer's as stored, whatever it read. */
class ExplorerConditionsTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void aPassThatReadNoExplorerConditionKeepsTheOneStoredSinceAndItsOwnConditions() {
        Channel.Status read = new Channel.Status();
        read.conditions = Conditions.ready(List.of(), 3, ConditionReason.CHANNEL_READY, "ready", clock);
        Channel.Status stored = new Channel.Status();
        stored.conditions = Conditions.with(List.of(), Condition.EXPLORER_DEGRADED, "True", ConditionReason.CHAIN_BROKEN, "block 7", 3, clock);

        Channel.Status written = ExplorerConditions.keepStored(read, stored);

        assertThat(written.conditions).extracting(c -> c.type + "=" + c.status)
                .containsExactly("Ready=True", "Progressing=False", "Degraded=False", "ExplorerDegraded=True");
        assertThat(written.conditions.get(3).message).isEqualTo("block 7");
    }

    @Test
    void anExplorerConditionThePassReadButNoLongerStoredIsNotWrittenBack() {
        Channel.Status read = new Channel.Status();
        read.conditions = Conditions.with(Conditions.ready(List.of(), 3, ConditionReason.CHANNEL_READY, "ready", clock),
                Condition.EXPLORER_DEGRADED, "True", ConditionReason.CHAIN_BROKEN, "block 7", 3, clock);
        Channel.Status stored = new Channel.Status();
        stored.conditions = Conditions.with(List.of(), Condition.EXPLORER_DEGRADED, "False", ConditionReason.CHAIN_VERIFIED, "follows", 3,
                clock);

        assertThat(ExplorerConditions.keepStored(read, stored).conditions).filteredOn(c -> c.type.equals(Condition.EXPLORER_DEGRADED))
                .extracting(c -> c.status).containsExactly("False");
        assertThat(ExplorerConditions.keepStored(read, null).conditions).extracting(c -> c.type)
                .containsExactly("Ready", "Progressing", "Degraded");
    }
}
