package io.baas.reconcile;

import io.baas.crd.NodeStatus;
import io.baas.pki.Identity;
import java.time.Clock;
import java.util.Map;

/** The status of a peer or orderer after a pass: endpoints, certificate expiry, phase and conditions. */
final class NodeStatuses {

    private NodeStatuses() {
    }

    static NodeStatus healthy(NodeStatus current, long generation, Map<String, String> endpoints, Identity identity,
                              boolean running, String role, Clock clock) {
        NodeStatus status = current == null ? new NodeStatus() : current;
        status.endpoints = endpoints;
        status.certificateNotAfter = NodeCustody.earliestExpiry(identity).toString();
        status.phase = running ? "Running" : "Deploying";
        status.conditions = running
                ? Conditions.ready(status.conditions, generation, "NodeRunning", "The " + role + " answers its health check.", clock)
                : Conditions.progressing(status.conditions, generation, "PodStarting", "Waiting for the " + role + "'s pod to become ready.", clock);
        status.observedGeneration = generation;
        return status;
    }

    /** One status write, on the latest version of the node (its spec may have moved on meanwhile). */
    static <T extends io.fabric8.kubernetes.client.CustomResource<?, NodeStatus>> void write(
            io.fabric8.kubernetes.client.KubernetesClient client, Class<T> type, T node, NodeStatus status) {
        T latest = client.resources(type).inNamespace(node.getMetadata().getNamespace()).withName(node.getMetadata().getName()).get();
        if (latest != null) {
            latest.setStatus(status);
            client.resources(type).resource(latest).updateStatus();
        }
    }

    static NodeStatus failed(NodeStatus current, long generation, RuntimeException failure, Clock clock) {
        NodeStatus status = current == null ? new NodeStatus() : current;
        String reason = failure instanceof ReconcileException r ? r.reason() : "ApplyFailed";
        status.phase = "Degraded";
        status.conditions = Conditions.degraded(status.conditions, generation, reason, failure.getMessage(), clock);
        status.observedGeneration = generation;
        return status;
    }
}
