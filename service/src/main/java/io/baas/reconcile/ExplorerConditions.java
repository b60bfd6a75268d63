package io.baas.reconcile;

import io.baas.crd.Channel;
import io.baas.crd.Condition;
import io.baas.crd.ConditionReason;
import io.baas.k8s.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The block explorer's word on a Channel, as its ExplorerDegraded condition: True with the block and
 * the reason while the channel's index is stopped at a break in the verified chain, False once a
 * re-index has it following the chain again. Written here because only the reconcile layer writes
 * status; the channel's own passes keep the condition as it is stored when they write ({@link #keepStored}).
 */
public final class ExplorerConditions {

    private ExplorerConditions() {
    }

    /**
     * Says on the Channel whether its index is degraded. A channel whose index never broke gets no
     * condition (no status write per channel); one that broke keeps the condition, False after recovery.
     */
    public static void report(KubernetesClient client, Channel channel, Optional<String> breakage, Clock clock) {
        if (breakage.isEmpty() && !saysDegraded(channel)) {
            return;
        }
        long generation = channel.getMetadata().getGeneration() == null ? 0 : channel.getMetadata().getGeneration();
        StatusWriter.update(client, channel, (Channel.Status stored) -> {
            Channel.Status status = stored == null ? new Channel.Status() : stored;
            status.conditions = breakage.isPresent()
                    ? Conditions.with(status.conditions, Condition.EXPLORER_DEGRADED, "True", ConditionReason.CHAIN_BROKEN, breakage.get(),
                            generation, clock)
                    : Conditions.with(status.conditions, Condition.EXPLORER_DEGRADED, "False", ConditionReason.CHAIN_VERIFIED,
                            "The explorer's index follows the channel's verified chain.", generation, clock);
            return status;
        });
    }

    /**
     * A channel pass's next status with the ExplorerDegraded condition as stored now, not as the
     * pass read it: the explorer writes it beside the passes, and a pass must not undo its word.
     */
    static Channel.Status keepStored(Channel.Status next, Channel.Status stored) {
        List<Condition> kept = new ArrayList<>();
        for (Condition c : next.conditions == null ? List.<Condition>of() : next.conditions) {
            if (!Condition.EXPLORER_DEGRADED.equals(c.type)) {
                kept.add(c);
            }
        }
        if (stored != null && stored.conditions != null) {
            stored.conditions.stream().filter(c -> Condition.EXPLORER_DEGRADED.equals(c.type)).forEach(kept::add);
        }
        next.conditions = kept;
        return next;
    }

    private static boolean saysDegraded(Channel channel) {
        List<Condition> conditions = channel.getStatus() == null ? null : channel.getStatus().conditions;
        return conditions != null && conditions.stream().anyMatch(c -> Condition.EXPLORER_DEGRADED.equals(c.type) && "True".equals(c.status));
    }
}
