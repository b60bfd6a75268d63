package io.baas.reconcile;

import io.baas.crd.BaasResource;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.PeerNode;
import io.baas.k8s.build.ConsortiumNodes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.baas.k8s.Applier;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes a Consortium real, in a few named steps: keep the finalizer, apply the member namespaces and
 * their NetworkPolicies, apply the nodes it declares (each member's peers, the ordering service's
 * orderers), remove what belongs to organizations that left and nodes no longer declared, and write
 * the status once. On deletion, removes the namespaces it made, then the finalizer.
 */
public class ConsortiumReconciler {

    private static final Logger LOG = Logger.getLogger(ConsortiumReconciler.class);
    public static final String FINALIZER = "baas.io/consortium-cleanup";

    private final KubernetesClient client;
    private final Applier applier;
    private final PlatformSettings platform;
    private final Clock clock;

    public ConsortiumReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock) {
        this.client = client;
        this.applier = applier;
        this.platform = platform;
        this.clock = clock;
    }

    public ReconcileResult reconcile(String name) {
        Consortium consortium = client.resources(Consortium.class).withName(name).get();
        Map<Applier.Outcome, Integer> outcomes = new EnumMap<>(Applier.Outcome.class);
        if (consortium == null) {
            return new ReconcileResult(outcomes, true);
        }
        if (consortium.getMetadata().getDeletionTimestamp() != null) {
            cleanUp(consortium, outcomes);
            return new ReconcileResult(outcomes, true);
        }
        try {
            consortium = ensureFinalizer(consortium);
            List<Namespace> namespaces = ConsortiumNamespaces.namespaces(consortium);
            namespaces.forEach(ns -> ReconcileResult.count(outcomes, applier.apply(ns)));
            ConsortiumNamespaces.isolationPolicies(consortium, platform).forEach(policy -> ReconcileResult.count(outcomes, applier.apply(policy)));
            removeDeparted(consortium, namespaces, outcomes);
            applyNodes(consortium, outcomes);
            writeStatus(consortium, namespaces, null);
        } catch (RuntimeException e) {
            LOG.warnf("Reconciling consortium %s failed: %s", name, e.getMessage());
            writeStatus(consortium, List.of(), e);
            throw e;
        }
        return new ReconcileResult(outcomes, false);
    }

    private Consortium ensureFinalizer(Consortium consortium) {
        if (consortium.getMetadata().getFinalizers().contains(FINALIZER)) {
            return consortium;
        }
        return client.resources(Consortium.class).withName(consortium.getMetadata().getName())
                .edit(c -> {
                    c.getMetadata().getFinalizers().add(FINALIZER);
                    return c;
                });
    }

    /** Namespaces of organizations no longer in the consortium go, with everything in them. */
    private void removeDeparted(Consortium consortium, List<Namespace> wanted, Map<Applier.Outcome, Integer> outcomes) {
        Set<String> keep = wanted.stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        for (Namespace namespace : owned(consortium)) {
            if (!keep.contains(namespace.getMetadata().getName())) {
                ReconcileResult.count(outcomes, applier.delete(namespace));
            }
        }
    }

    /**
     * The declared peers and orderers, and no others of this consortium's declaring. Orderers are only
     * removed while no channel exists: a consenter leaving a live channel needs a config update first.
     */
    private void applyNodes(Consortium consortium, Map<Applier.Outcome, Integer> outcomes) {
        String name = consortium.getMetadata().getName();
        Set<String> members = consortium.getSpec().members.stream().map(m -> m.organization).collect(Collectors.toSet());
        String ordering = ConsortiumNodes.orderingOrganization(consortium);
        if (!members.contains(ordering)) {
            throw new ReconcileException("OrderingOrganizationNotMember",
                    "The ordering service's organization " + ordering + " is not a member of consortium " + name + ".");
        }
        List<PeerNode> peers = ConsortiumNodes.peers(consortium);
        List<OrdererNode> orderers = ConsortiumNodes.orderers(consortium);
        peers.forEach(peer -> ReconcileResult.count(outcomes, applier.apply(peer)));
        orderers.forEach(orderer -> ReconcileResult.count(outcomes, applier.apply(orderer)));

        Set<String> keepPeers = peers.stream().map(ConsortiumReconciler::key).collect(Collectors.toSet());
        for (PeerNode peer : client.resources(PeerNode.class).inAnyNamespace().withLabel(ConsortiumNodes.DECLARED_BY, name).list().getItems()) {
            if (!keepPeers.contains(key(peer))) {
                ReconcileResult.count(outcomes, applier.delete(peer));
            }
        }
        Set<String> keepOrderers = orderers.stream().map(ConsortiumReconciler::key).collect(Collectors.toSet());
        List<OrdererNode> surplus = client.resources(OrdererNode.class).inAnyNamespace()
                .withLabel(ConsortiumNodes.DECLARED_BY, name).list().getItems().stream()
                .filter(orderer -> !keepOrderers.contains(key(orderer)))
                .toList();
        if (!surplus.isEmpty() && hasChannels(name)) {
            throw new ReconcileException("OrderersInUse", "Consortium " + name + " has channels: orderers "
                    + surplus.stream().map(o -> o.getMetadata().getName()).sorted().toList()
                    + " stay until they are removed from the channels' consenters.");
        }
        surplus.forEach(orderer -> ReconcileResult.count(outcomes, applier.delete(orderer)));
    }

    private boolean hasChannels(String consortium) {
        return client.resources(Channel.class).inAnyNamespace().list().getItems().stream()
                .anyMatch(channel -> channel.getSpec() != null && consortium.equals(channel.getSpec().consortium));
    }

    private static String key(HasMetadata node) {
        return node.getMetadata().getNamespace() + "/" + node.getMetadata().getName();
    }

    /**
     * Nodes first, namespaces second: a node's finalizer must release its held identity (outside
     * the namespaces) before the namespace takes the node along. Until they are gone, the pass
     * reports that it waits and is retried.
     */
    private void cleanUp(Consortium consortium, Map<Applier.Outcome, Integer> outcomes) {
        List<Namespace> namespaces = owned(consortium);
        List<HasMetadata> nodes = nodesIn(namespaces);
        for (HasMetadata node : nodes) {
            if (!Finalizers.deleting(node)) {
                ReconcileResult.count(outcomes, applier.delete(node));
            }
        }
        int remaining = nodesIn(namespaces).size();
        if (remaining > 0) {
            throw new ReconcileException("NodesStopping", "Consortium " + consortium.getMetadata().getName() + " waits for "
                    + remaining + " nodes to stop before its namespaces go.");
        }
        for (Namespace namespace : namespaces) {
            ReconcileResult.count(outcomes, applier.delete(namespace));
        }
        client.resources(Consortium.class).withName(consortium.getMetadata().getName()).edit(c -> {
            c.getMetadata().getFinalizers().remove(FINALIZER);
            return c;
        });
    }

    private List<HasMetadata> nodesIn(List<Namespace> namespaces) {
        List<HasMetadata> nodes = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            nodes.addAll(client.resources(PeerNode.class).inNamespace(name).list().getItems());
            nodes.addAll(client.resources(OrdererNode.class).inNamespace(name).list().getItems());
        }
        return nodes;
    }

    private List<Namespace> owned(Consortium consortium) {
        return client.namespaces().withLabel(BaasResource.CONSORTIUM_LABEL, consortium.getMetadata().getName())
                .withLabel(ConsortiumNamespaces.MANAGED_BY, ConsortiumNamespaces.MANAGER)
                .list().getItems();
    }

    private void writeStatus(Consortium consortium, List<Namespace> namespaces, RuntimeException failure) {
        Consortium.Status status = consortium.getStatus() == null ? new Consortium.Status() : consortium.getStatus();
        long generation = consortium.getMetadata().getGeneration() == null ? 0 : consortium.getMetadata().getGeneration();
        if (failure == null) {
            Map<String, String> byOrganization = new LinkedHashMap<>();
            for (Namespace namespace : namespaces) {
                byOrganization.put(namespace.getMetadata().getLabels().get(BaasResource.ORGANIZATION_LABEL), namespace.getMetadata().getName());
            }
            status.namespaces = byOrganization;
            status.phase = "Ready";
            status.conditions = Conditions.ready(status.conditions, generation, "NamespacesReady",
                    "The namespaces and network isolation of " + namespaces.size() + " organizations are in place.", clock);
        } else {
            status.phase = "Degraded";
            String reason = failure instanceof ReconcileException r ? r.reason() : "ApplyFailed";
            status.conditions = Conditions.degraded(status.conditions, generation, reason, failure.getMessage(), clock);
        }
        status.observedGeneration = generation;
        Consortium latest = client.resources(Consortium.class).withName(consortium.getMetadata().getName()).get();
        if (latest == null || sameStatus(latest.getStatus(), status)) {
            return; // one status write per pass, and none when nothing changed
        }
        latest.setStatus(status);
        client.resources(Consortium.class).resource(latest).updateStatus();
    }

    private static boolean sameStatus(Consortium.Status stored, Consortium.Status next) {
        if (stored == null) {
            return false;
        }
        return java.util.Objects.equals(stored.phase, next.phase)
                && java.util.Objects.equals(stored.namespaces, next.namespaces)
                && java.util.Objects.equals(stored.observedGeneration, next.observedGeneration)
                && conditionsKey(stored).equals(conditionsKey(next));
    }

    private static List<String> conditionsKey(Consortium.Status status) {
        List<String> key = new ArrayList<>();
        if (status.conditions != null) {
            status.conditions.forEach(c -> key.add(c.type + c.status + c.reason + c.message + c.observedGeneration));
        }
        return key;
    }
}
