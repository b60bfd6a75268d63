package io.baas.reconcile;

import io.baas.crd.Condition;
import io.baas.crd.ConditionReason;
import io.baas.crd.NodeStatus;
import io.baas.k8s.StatefulSetClaims;
import io.baas.k8s.StatusWriter;
import io.baas.pki.Identity;
import io.baas.runtime.NodeRun;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The status of a peer or orderer after a pass: endpoints, certificate expiry, phase and conditions
 * (besides Ready, Progressing and Degraded, StorageUnchangeable when its storage spec cannot be
 * carried out; a failed pass leaves that one as the last pass that got so far found it).
 */
final class NodeStatuses {

    private NodeStatuses() {
    }

    static NodeStatus healthy(NodeStatus current, long generation, Map<String, String> endpoints, Identity identity,
                              NodeRun run, String role, Clock clock) {
        NodeStatus status = current == null ? new NodeStatus() : current;
        status.endpoints = endpoints;
        status.certificateNotAfter = NodeCustody.earliestExpiry(identity).toString();
        status.phase = run.running() ? NodeStatus.Phase.RUNNING : NodeStatus.Phase.DEPLOYING;
        status.conditions = run.running()
                ? Conditions.ready(status.conditions, generation, ConditionReason.NODE_RUNNING, "The " + role + " answers its health check.", clock)
                : Conditions.progressing(status.conditions, generation, ConditionReason.POD_STARTING, "Waiting for the " + role + "'s pod to become ready.", clock);
        status.conditions = storage(status.conditions, generation, run.storage(), clock);
        status.observedGeneration = generation;
        return status;
    }

    /**
     * StorageUnchangeable: True with what of the storage spec stays as it was (one reason when all
     * agree); False once nothing does; absent on a node that never had such a wish.
     */
    static List<Condition> storage(List<Condition> conditions, long generation, List<StatefulSetClaims.Refusal> refusals, Clock clock) {
        if (refusals.isEmpty()) {
            boolean reported = conditions.stream().anyMatch(c -> Condition.STORAGE_UNCHANGEABLE.equals(c.type));
            return reported ? Conditions.with(conditions, Condition.STORAGE_UNCHANGEABLE, "False", ConditionReason.STORAGE_AS_REQUESTED,
                    "The node's storage is as its spec asks.", generation, clock) : conditions;
        }
        List<ConditionReason> reasons = refusals.stream().map(StatefulSetClaims.Refusal::reason).distinct().toList();
        String message = refusals.stream().map(StatefulSetClaims.Refusal::message).collect(Collectors.joining("; ")) + ".";
        return Conditions.with(conditions, Condition.STORAGE_UNCHANGEABLE, "True",
                reasons.size() == 1 ? reasons.get(0) : ConditionReason.STORAGE_UNCHANGEABLE, message, generation, clock);
    }

    /** One status write, on the latest version of the node (its spec may have moved on meanwhile). */
    static <T extends io.fabric8.kubernetes.client.CustomResource<?, NodeStatus>> void write(
            io.fabric8.kubernetes.client.KubernetesClient client, T node, NodeStatus status) {
        StatusWriter.write(client, node, stored -> status);
    }

    static NodeStatus failed(NodeStatus current, long generation, ReconcileException failure, Clock clock) {
        NodeStatus status = current == null ? new NodeStatus() : current;
        status.phase = NodeStatus.Phase.DEGRADED;
        status.conditions = Conditions.failed(status.conditions, generation, failure, clock);
        status.observedGeneration = generation;
        return status;
    }
}
