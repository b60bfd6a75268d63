package io.baas.reconcile;

import io.baas.k8s.Applier;
import java.util.Map;

/**
 * What one reconcile pass did, by outcome, for events, logs and tests.
 *
 * @param retryAfter when the pass waits for something outside (a node starting), look again after this; null: no need
 */
public record ReconcileResult(Map<Applier.Outcome, Integer> outcomes, boolean deleted, java.time.Duration retryAfter) {

    public ReconcileResult(Map<Applier.Outcome, Integer> outcomes, boolean deleted) {
        this(outcomes, deleted, null);
    }

    /** Tallies one applier outcome into a pass's counts. */
    static void count(Map<Applier.Outcome, Integer> outcomes, Applier.Outcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** Objects created, patched or deleted: zero means the pass found everything as it should be. */
    public int writes() {
        return outcomes.entrySet().stream()
                .filter(e -> e.getKey() != Applier.Outcome.UNCHANGED && e.getKey() != Applier.Outcome.ABSENT)
                .mapToInt(Map.Entry::getValue).sum();
    }
}
