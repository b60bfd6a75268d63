package io.baas.reconcile;

import io.baas.k8s.Applier;
import java.util.Map;

/** What one reconcile pass did, by outcome, for events, logs and tests. */
public record ReconcileResult(Map<Applier.Outcome, Integer> outcomes, boolean deleted) {

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
