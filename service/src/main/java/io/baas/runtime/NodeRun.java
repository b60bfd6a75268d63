package io.baas.runtime;

import io.baas.k8s.Applier;
import io.baas.k8s.StatefulSetClaims;
import java.util.List;

/**
 * What a runtime did for one node in one pass, and whether the node now answers.
 *
 * @param writes the outcome of every object the runtime applied or removed
 * @param running true when the node is up (for Kubernetes: its pod is ready)
 * @param storage what of the node's storage spec could not be carried out (reported in its status)
 */
public record NodeRun(List<Applier.Outcome> writes, boolean running, List<StatefulSetClaims.Refusal> storage) {

    public NodeRun {
        writes = List.copyOf(writes);
        storage = List.copyOf(storage);
    }

    public NodeRun(List<Applier.Outcome> writes, boolean running) {
        this(writes, running, List.of());
    }
}
