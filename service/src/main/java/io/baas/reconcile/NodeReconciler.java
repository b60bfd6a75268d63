package io.baas.reconcile;

import io.baas.crd.NodeStatus;
import io.baas.k8s.Applier;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRole;
import io.baas.runtime.NodeRun;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a node resource, in named steps: keep the finalizer; check that its namespace belongs to its
 * organization and hold its identity (issued once from the organization's CAs and kept in custody,
 * so renewals reach the node); have the runtime run it; write the status once. On deletion the
 * runtime removes the node and the held identity goes, then the finalizer. What differs between
 * peers and orderers is a {@link Kind}.
 */
final class NodeReconciler<T extends CustomResource<?, NodeStatus>> {

    /** One kind of node: how to read its resource and what the runtime does with it. */
    interface Kind<T> {
        Class<T> type();

        IdentityRole role();

        String organization(T node);

        List<String> extraHosts(T node);

        NodeRun run(T node, NodeCustody.HeldNode held);

        NodeRun remove(T node);

        /** Where the node answers, by port name, for its status. */
        Map<String, String> endpoints(T node);
    }

    private final KubernetesClient client;
    private final Kind<T> kind;
    private final List<String> runtimeTlsHosts;
    private final Clock clock;
    private final NodeCustody custody;

    NodeReconciler(KubernetesClient client, Kind<T> kind, List<String> runtimeTlsHosts, NodeCustody custody, Clock clock) {
        this.client = client;
        this.kind = kind;
        this.runtimeTlsHosts = runtimeTlsHosts;
        this.custody = custody;
        this.clock = clock;
    }

    /** The steps of a pass, in the order they run; a failure names its step in the condition and the Event. */
    private static final java.time.Duration NOT_RUNNING_RECHECK = java.time.Duration.ofSeconds(10);

    enum Step {
        ADD_FINALIZER, HOLD_IDENTITY, RUN_NODE
    }

    ReconcileResult reconcile(String namespace, String name) {
        T node = client.resources(kind.type()).inNamespace(namespace).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (node == null) {
            return new ReconcileResult(outcomes, true);
        }
        if (Finalizers.deleting(node)) {
            remove(node, outcomes);
            return new ReconcileResult(outcomes, true);
        }
        Steps<Step> steps = new Steps<>();
        NodeRun run;
        try {
            T kept = steps.get(Step.ADD_FINALIZER, () -> Finalizers.ensure(client, node, Finalizers.NODE));
            NodeCustody.HeldNode held = steps.get(Step.HOLD_IDENTITY, () -> custody.prepare(kept, kind.organization(kept), kind.role(),
                    NodeCustody.hosts(kind.extraHosts(kept), runtimeTlsHosts)));
            run = steps.get(Step.RUN_NODE, () -> kind.run(kept, held));
            run.writes().forEach(outcome -> ReconcileResult.count(outcomes, outcome));
            writeStatus(kept, held.identity(), run, null);
        } catch (RuntimeException e) {
            ReconcileException failure = steps.failure(e);
            writeStatus(node, null, null, failure);
            throw failure;
        }
        // A node still starting is looked at again: a process on a host has no watch to say it is ready.
        return new ReconcileResult(outcomes, false, run.running() ? null : NOT_RUNNING_RECHECK);
    }

    private void remove(T node, Map<Applier.Outcome, Integer> outcomes) {
        if (!node.getMetadata().getFinalizers().contains(Finalizers.NODE)) {
            return;
        }
        kind.remove(node).writes().forEach(outcome -> ReconcileResult.count(outcomes, outcome));
        custody.release(node, kind.organization(node));
        Finalizers.release(client, node, Finalizers.NODE);
    }

    private void writeStatus(T node, Identity identity, NodeRun run, ReconcileException failure) {
        long generation = node.getMetadata().getGeneration() == null ? 0 : node.getMetadata().getGeneration();
        NodeStatus status = failure == null
                ? NodeStatuses.healthy(node.getStatus(), generation, kind.endpoints(node), identity, run,
                        kind.role().name().toLowerCase(java.util.Locale.ROOT), clock)
                : NodeStatuses.failed(node.getStatus(), generation, failure, clock);
        NodeStatuses.write(client, node, status);
    }
}
