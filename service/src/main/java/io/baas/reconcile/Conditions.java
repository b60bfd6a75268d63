package io.baas.reconcile;

import io.baas.crd.Condition;
import io.baas.crd.ConditionReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place conditions are set: Ready, Progressing and Degraded together, each with a reason,
 * a message and the generation it describes (reasons from {@link ConditionReason} only); a
 * condition keeps its transition time while its status does not change. Kinds may add their own types ({@link #with}); the three keep them.
 */
public final class Conditions {

    private Conditions() {
    }

    public static List<Condition> ready(List<Condition> current, long generation, ConditionReason reason, String message, Clock clock) {
        return set(current, generation, clock, "True", "False", "False", reason, message);
    }

    public static List<Condition> progressing(List<Condition> current, long generation, ConditionReason reason, String message, Clock clock) {
        return set(current, generation, clock, "False", "True", "False", reason, message);
    }

    public static List<Condition> degraded(List<Condition> current, long generation, ConditionReason reason, String message, Clock clock) {
        return set(current, generation, clock, "False", "False", "True", reason, message);
    }

    /** Degraded by a failed pass: its reason, and its message with the step that failed. */
    public static List<Condition> failed(List<Condition> current, long generation, ReconcileException failure, Clock clock) {
        return degraded(current, generation, failure.reason(), failure.describe(), clock);
    }

    /** Sets one condition of another type (such as a node's StorageUnchangeable), the others as they are. */
    public static List<Condition> with(List<Condition> current, String type, String status, ConditionReason reason, String message,
                                       long generation, Clock clock) {
        List<Condition> next = new ArrayList<>();
        boolean replaced = false;
        for (Condition c : current == null ? List.<Condition>of() : current) {
            if (type.equals(c.type)) {
                next.add(condition(current, type, status, reason, message, generation, clock));
                replaced = true;
            } else {
                next.add(c);
            }
        }
        if (!replaced) {
            next.add(condition(current, type, status, reason, message, generation, clock));
        }
        return next;
    }

    private static List<Condition> set(List<Condition> current, long generation, Clock clock, String ready, String progressing,
                                       String degraded, ConditionReason reason, String message) {
        List<Condition> next = new ArrayList<>();
        next.add(condition(current, Condition.READY, ready, reason, message, generation, clock));
        next.add(condition(current, Condition.PROGRESSING, progressing, reason, message, generation, clock));
        next.add(condition(current, Condition.DEGRADED, degraded, reason, message, generation, clock));
        // Conditions of other types are set on their own (with) and kept here.
        if (current != null) {
            current.stream().filter(c -> !STANDARD.contains(c.type)).forEach(next::add);
        }
        return next;
    }

    private static final List<String> STANDARD = List.of(Condition.READY, Condition.PROGRESSING, Condition.DEGRADED);

    private static Condition condition(List<Condition> current, String type, String status, ConditionReason reason, String message,
                                       long generation, Clock clock) {
        Condition previous = current == null ? null
                : current.stream().filter(c -> type.equals(c.type)).findFirst().orElse(null);
        Condition condition = new Condition();
        condition.type = type;
        condition.status = status;
        condition.reason = reason.word();
        condition.message = message;
        condition.observedGeneration = generation;
        condition.lastTransitionTime = previous != null && status.equals(previous.status) && previous.lastTransitionTime != null
                ? previous.lastTransitionTime : clock.instant().toString();
        return condition;
    }
}
