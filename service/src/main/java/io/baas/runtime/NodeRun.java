package io.baas.runtime;

import io.baas.k8s.Applier;
import java.util.List;

/**
 * What a runtime did for one node in one pass, and whether the node now answers.
 *
 * @param writes the outcome of every object the runtime applied or removed
 * @param running true when the node is up (for Kubernetes: its pod is ready)
 */
public record NodeRun(List<Applier.Outcome> writes, boolean running) {

    public NodeRun {
        writes = List.copyOf(writes);
    }
}
