package io.baas.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.baas.crd.Channel;
import io.baas.crd.ConditionReason;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.k8s.Applier;
import io.baas.k8s.ForeignObjectException;
import io.baas.k8s.KubeSphereDashboard;
import io.baas.k8s.ServiceMonitor;
import io.baas.k8s.StatusWriter;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.baas.k8s.build.ConsortiumNodes;
import io.baas.k8s.build.NodeDashboard;
import io.baas.k8s.build.NodeMonitoring;
import io.baas.k8s.build.NodeServiceMonitor;
import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes a Consortium real, in a few named steps: keep the finalizer, make the member namespaces
 * (created, never adopted: see {@link ConsortiumNamespaces}) and record them in the status, then
 * their NetworkPolicies, apply the nodes it declares (each member's peers, the ordering service's
 * orderers), remove what belongs to organizations that left and nodes no longer declared, have the
 * Prometheus Operator scrape the nodes (a ServiceMonitor per namespace, only where the cluster has
 * the kind) and show them in each project's KubeSphere custom monitoring (a Dashboard, likewise), and
 * write the status once. On deletion, removes the namespaces it made, then the finalizer.
 *
 * <p>The status' {@code namespaces} (organization to namespace) is the record of what this
 * consortium made: only namespaces in it that still carry the consortium's uid are patched, written
 * into or deleted; a name that is taken by anything else makes the consortium Degraded
 * ({@code NamespaceConflict}) with nothing written.
 */
public class ConsortiumReconciler {

    private static final Logger LOG = Logger.getLogger(ConsortiumReconciler.class);
    public static final String FINALIZER = "baas.io/consortium-cleanup";

    private final KubernetesClient client;
    private final Applier applier;
    private final PlatformSettings platform;
    private final NodeMonitoring monitoring;
    private final Supplier<Optional<String>> runtimeUnavailable;
    private final Clock clock;
    /** The chart's Grafana dashboard, read from the class path the first time a cluster serves project Dashboards. */
    private JsonNode dashboard;

    /** With the service's default monitoring settings. */
    public ConsortiumReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, Clock clock) {
        this(client, applier, platform, NodeMonitoring.DEFAULTS, clock);
    }

    public ConsortiumReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, NodeMonitoring monitoring,
                                Clock clock) {
        this(client, applier, platform, monitoring, Optional::empty, clock);
    }

    /** @param runtimeUnavailable why the node runtime can run no node ({@code NodeRuntime#unavailable}), said on the status */
    public ConsortiumReconciler(KubernetesClient client, Applier applier, PlatformSettings platform, NodeMonitoring monitoring,
                                Supplier<Optional<String>> runtimeUnavailable, Clock clock) {
        this.client = client;
        this.applier = applier;
        this.platform = platform;
        this.monitoring = monitoring;
        this.runtimeUnavailable = runtimeUnavailable;
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
        Map<String, String> recorded = recorded(consortium);
        Steps<Step> steps = new Steps<>();
        try {
            steps.run(Step.CHECK_NAMES, () -> requireAllowedNamespaces(consortium));
            Consortium kept = steps.get(Step.ADD_FINALIZER, () -> ensureFinalizer(consortium));
            Map<String, Namespace> existing = steps.get(Step.CLAIM_NAMESPACES, () -> requireOwnOrFree(kept, recorded));
            steps.run(Step.APPLY_NAMESPACES, () -> kept.getSpec().members
                    .forEach(member -> applyNamespace(kept, member, existing, recorded, outcomes)));
            Set<String> members = kept.getSpec().members.stream().map(m -> m.organization).collect(Collectors.toSet());
            steps.run(Step.ISOLATE_NAMESPACES, () -> isolate(kept, members, recorded, outcomes));
            steps.run(Step.REMOVE_DEPARTED, () -> removeDeparted(kept, members, recorded, outcomes));
            steps.run(Step.APPLY_NODES, () -> applyNodes(kept, recorded, outcomes));
            steps.run(Step.MONITOR_NODES, () -> monitorNodes(kept, members, recorded, outcomes));
            steps.run(Step.CHECK_RUNTIME, this::requireRuntime);
            writeStatus(kept, recorded, null);
        } catch (RuntimeException e) {
            ReconcileException failure = steps.failure(e);
            LOG.warnf("Reconciling consortium %s failed: %s", name, failure.describe());
            writeStatus(consortium, recorded, failure);
            throw failure;
        }
        return new ReconcileResult(outcomes, false);
    }

    /** The steps of a pass, in the order they run; a failure names its step in the condition and the Event. */
    enum Step {
        CHECK_NAMES, ADD_FINALIZER, CLAIM_NAMESPACES, APPLY_NAMESPACES, ISOLATE_NAMESPACES, REMOVE_DEPARTED, APPLY_NODES, MONITOR_NODES,
        CHECK_RUNTIME
    }

    /** Last: the nodes are written all the same, and run once the runtime can (the service restarted with a release). */
    private void requireRuntime() {
        runtimeUnavailable.get().ifPresent(why -> {
            throw new ReconcileException(ConditionReason.RUNTIME_UNAVAILABLE, "Its nodes cannot run: " + why);
        });
    }

    private static void requireAllowedNamespaces(Consortium consortium) {
        String refusal = ConsortiumNamespaces.refusal(consortium);
        if (refusal != null) {
            throw new ReconcileException(ConditionReason.RESERVED_NAMESPACE, refusal + ".");
        }
    }

    /** Each member namespace's NetworkPolicy ({@link ConsortiumNamespaces#isolationPolicy}). */
    private void isolate(Consortium consortium, Set<String> members, Map<String, String> recorded, Map<Applier.Outcome, Integer> outcomes) {
        List<String> memberNamespaces = members.stream().map(recorded::get).sorted().toList();
        for (String namespace : memberNamespaces) {
            ReconcileResult.count(outcomes, applier.apply(
                    ConsortiumNamespaces.isolationPolicy(consortium, namespace, memberNamespaces, platform)));
        }
    }

    /**
     * Each member namespace's ServiceMonitor ({@link NodeServiceMonitor}) and KubeSphere project
     * Dashboard ({@link NodeDashboard}), last, so monitoring never holds the network back. Each only
     * where the cluster has its kind, asked once per pass (the Prometheus Operator and KubeSphere's
     * monitoring may be installed or removed at any time); without it nothing is written. With
     * operations TLS, the organization's TLS CA goes beside the ServiceMonitor, and a namespace whose
     * organization has no TLS CA in its status yet gets neither until a later pass (its Dashboard
     * needs no CA). Both go with the namespace when the organization leaves.
     */
    private void monitorNodes(Consortium consortium, Set<String> members, Map<String, String> recorded,
                              Map<Applier.Outcome, Integer> outcomes) {
        if (!monitoring.enabled()) {
            return;
        }
        boolean serviceMonitors = ServiceMonitor.existsIn(client);
        boolean dashboards = KubeSphereDashboard.existsIn(client);
        for (String organization : members.stream().sorted().toList()) {
            String namespace = recorded.get(organization);
            if (serviceMonitors) {
                scrape(consortium, organization, namespace, outcomes);
            }
            if (dashboards) {
                showNodes(consortium, namespace, outcomes);
            }
        }
    }

    private void scrape(Consortium consortium, String organization, String namespace, Map<Applier.Outcome, Integer> outcomes) {
        if (platform.operationsTls()) {
            String tlsCa = tlsCaOf(organization);
            if (tlsCa == null) {
                LOG.debugf("Consortium %s: no TLS CA of %s yet, so no ServiceMonitor in %s", consortium.getMetadata().getName(),
                        organization, namespace);
                return;
            }
            ReconcileResult.count(outcomes, applier.apply(NodeServiceMonitor.tlsCa(consortium, namespace, tlsCa)));
        }
        ReconcileResult.count(outcomes, applier.apply(NodeServiceMonitor.build(consortium, namespace, platform, monitoring)));
    }

    /**
     * The project's Dashboard, written only over one the service made for this consortium: a project
     * member may have made their own of that name, which stays as it is (logged, the pass goes on).
     */
    private void showNodes(Consortium consortium, String namespace, Map<Applier.Outcome, Integer> outcomes) {
        if (dashboard == null) {
            dashboard = NodeDashboard.fabricConsortium();
        }
        try {
            ReconcileResult.count(outcomes, applier.apply(NodeDashboard.build(consortium, namespace, dashboard),
                    existing -> NodeDashboard.isOurs(existing, consortium)));
        } catch (ForeignObjectException e) {
            LOG.infof("Consortium %s: %s", consortium.getMetadata().getName(), e.getMessage());
        }
    }

    private String tlsCaOf(String organization) {
        Organization found = client.resources(Organization.class).withName(organization).get();
        return found == null || found.getStatus() == null ? null : found.getStatus().tlsCaCertificate;
    }

    private static Map<String, String> recorded(Consortium consortium) {
        Consortium.Status status = consortium.getStatus();
        return status == null || status.namespaces == null ? new LinkedHashMap<>() : new LinkedHashMap<>(status.namespaces);
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

    /**
     * Every member's namespace, looked at before anything is written: each must be absent (to be
     * made) or one this consortium recorded and still carries its uid. Returns those that exist.
     */
    private Map<String, Namespace> requireOwnOrFree(Consortium consortium, Map<String, String> recorded) {
        Map<String, Namespace> existing = new LinkedHashMap<>();
        List<String> taken = new ArrayList<>();
        for (Consortium.Member member : consortium.getSpec().members) {
            String name = namespaceOf(consortium, member, recorded);
            Namespace namespace = client.namespaces().withName(name).get();
            if (namespace == null) {
                continue;
            }
            if (name.equals(recorded.get(member.organization)) && ConsortiumNamespaces.madeBy(namespace, consortium)) {
                existing.put(member.organization, namespace);
            } else {
                taken.add(name);
            }
        }
        if (!taken.isEmpty()) {
            throw new ReconcileException(ConditionReason.NAMESPACE_CONFLICT, "Namespaces " + taken + " exist and were not made by consortium "
                    + consortium.getMetadata().getName() + "; nothing was changed. Rename the consortium or the organization, "
                    + "or remove the namespace if it is left over.");
        }
        return existing;
    }

    private static String namespaceOf(Consortium consortium, Consortium.Member member, Map<String, String> recorded) {
        String name = recorded.get(member.organization);
        return name != null ? name : ConsortiumNamespaces.namespaceName(consortium.getMetadata().getName(), member.organization);
    }

    /**
     * Creates the member's namespace and records it at once (a namespace made but not recorded would
     * never be trusted again), or patches the one recorded, still checking it is ours as it patches.
     */
    private void applyNamespace(Consortium consortium, Consortium.Member member, Map<String, Namespace> existing,
                                Map<String, String> recorded, Map<Applier.Outcome, Integer> outcomes) {
        String name = namespaceOf(consortium, member, recorded);
        Namespace desired = ConsortiumNamespaces.namespace(consortium, member, name, platform);
        try {
            if (existing.containsKey(member.organization)) {
                Applier.Outcome outcome = applier.apply(desired, found -> ConsortiumNamespaces.madeBy((Namespace) found, consortium));
                if (outcome == Applier.Outcome.UNCHANGED && ConsortiumNamespaces.labelsDrifted(existing.get(member.organization), desired)) {
                    outcome = restoreLabels(consortium, desired);
                }
                ReconcileResult.count(outcomes, outcome);
                return;
            }
            ReconcileResult.count(outcomes, applier.create(desired));
        } catch (ForeignObjectException e) {
            throw new ReconcileException(ConditionReason.NAMESPACE_CONFLICT, "Namespace " + name + " exists and was not made by consortium "
                    + consortium.getMetadata().getName() + "; nothing was changed in it.");
        }
        if (!name.equals(recorded.get(member.organization))) {
            recorded.put(member.organization, name);
            recordNamespaces(consortium, recorded);
        }
    }

    /**
     * Puts back the labels the service set (a project admin may change them; KubeSphere reads the
     * workspace from one), which the desired-hash alone does not notice. Nodes whose namespace's
     * labels disagree with the record wait for this.
     */
    private Applier.Outcome restoreLabels(Consortium consortium, Namespace desired) {
        client.namespaces().withName(desired.getMetadata().getName()).edit(namespace -> {
            if (!ConsortiumNamespaces.madeBy(namespace, consortium)) {
                throw new ReconcileException(ConditionReason.NAMESPACE_CONFLICT, "Namespace " + desired.getMetadata().getName()
                        + " no longer carries the uid of consortium " + consortium.getMetadata().getName() + ".");
            }
            Map<String, String> labels = namespace.getMetadata().getLabels() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(namespace.getMetadata().getLabels());
            labels.putAll(desired.getMetadata().getLabels());
            namespace.getMetadata().setLabels(labels);
            return namespace;
        });
        return Applier.Outcome.PATCHED;
    }

    /** Writes the record of the consortium's namespaces alone, right after one is made. */
    private void recordNamespaces(Consortium consortium, Map<String, String> recorded) {
        StatusWriter.update(client, consortium, stored -> {
            Consortium.Status status = stored == null ? new Consortium.Status() : stored;
            status.namespaces = new LinkedHashMap<>(recorded);
            return status;
        });
    }

    /** Namespaces of organizations no longer in the consortium go, with everything in them, if they are still ours. */
    private void removeDeparted(Consortium consortium, Set<String> members, Map<String, String> recorded,
                                Map<Applier.Outcome, Integer> outcomes) {
        for (String organization : new ArrayList<>(recorded.keySet())) {
            if (members.contains(organization)) {
                continue;
            }
            Namespace namespace = client.namespaces().withName(recorded.get(organization)).get();
            if (namespace != null && ConsortiumNamespaces.madeBy(namespace, consortium)) {
                ReconcileResult.count(outcomes, applier.delete(namespace));
            } else if (namespace != null) {
                LOG.warnf("Consortium %s leaves namespace %s alone: it no longer carries the consortium's uid",
                        consortium.getMetadata().getName(), namespace.getMetadata().getName());
            }
            recorded.remove(organization);
        }
    }

    /**
     * The declared peers and orderers, and no others of this consortium's declaring. Orderers are only
     * removed while no channel exists: a consenter leaving a live channel needs a config update first.
     */
    private void applyNodes(Consortium consortium, Map<String, String> recorded, Map<Applier.Outcome, Integer> outcomes) {
        String name = consortium.getMetadata().getName();
        Set<String> members = consortium.getSpec().members.stream().map(m -> m.organization).collect(Collectors.toSet());
        String ordering = ConsortiumNodes.orderingOrganization(consortium);
        if (!members.contains(ordering)) {
            throw new ReconcileException(ConditionReason.ORDERING_ORGANIZATION_NOT_MEMBER,
                    "The ordering service's organization " + ordering + " is not a member of consortium " + name + ".");
        }
        List<PeerNode> peers = ConsortiumNodes.peers(consortium, recorded);
        List<OrdererNode> orderers = ConsortiumNodes.orderers(consortium, recorded);
        Set<String> ours = Set.copyOf(recorded.values());
        peers.forEach(peer -> ReconcileResult.count(outcomes, applier.apply(peer)));
        orderers.forEach(orderer -> ReconcileResult.count(outcomes, applier.apply(orderer)));

        Set<String> keepPeers = peers.stream().map(ConsortiumReconciler::key).collect(Collectors.toSet());
        for (PeerNode peer : client.resources(PeerNode.class).inAnyNamespace().withLabel(ConsortiumNodes.DECLARED_BY, name).list().getItems()) {
            // A label anyone can set: only nodes in the consortium's own namespaces are its to remove.
            if (ours.contains(peer.getMetadata().getNamespace()) && !keepPeers.contains(key(peer))) {
                ReconcileResult.count(outcomes, applier.delete(peer));
            }
        }
        Set<String> keepOrderers = orderers.stream().map(ConsortiumReconciler::key).collect(Collectors.toSet());
        List<OrdererNode> surplus = client.resources(OrdererNode.class).inAnyNamespace()
                .withLabel(ConsortiumNodes.DECLARED_BY, name).list().getItems().stream()
                .filter(orderer -> ours.contains(orderer.getMetadata().getNamespace()) && !keepOrderers.contains(key(orderer)))
                .toList();
        if (!surplus.isEmpty() && hasChannels(name)) {
            throw new ReconcileException(ConditionReason.ORDERERS_IN_USE, "Consortium " + name + " has channels: orderers "
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
            throw new ReconcileException(ConditionReason.NODES_STOPPING, "Consortium " + consortium.getMetadata().getName() + " waits for "
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

    /** The namespaces this consortium recorded that still exist and still carry its uid. */
    private List<Namespace> owned(Consortium consortium) {
        List<Namespace> owned = new ArrayList<>();
        for (String name : recorded(consortium).values()) {
            Namespace namespace = client.namespaces().withName(name).get();
            if (namespace != null && ConsortiumNamespaces.madeBy(namespace, consortium)) {
                owned.add(namespace);
            }
        }
        return owned;
    }

    private void writeStatus(Consortium consortium, Map<String, String> recorded, ReconcileException failure) {
        Consortium.Status status = consortium.getStatus() == null ? new Consortium.Status() : consortium.getStatus();
        long generation = consortium.getMetadata().getGeneration() == null ? 0 : consortium.getMetadata().getGeneration();
        status.namespaces = new LinkedHashMap<>(recorded);
        if (failure == null) {
            status.phase = Consortium.Status.Phase.READY;
            status.conditions = Conditions.ready(status.conditions, generation, ConditionReason.NAMESPACES_READY,
                    "The namespaces and network isolation of " + recorded.size() + " organizations are in place.", clock);
        } else {
            status.phase = Consortium.Status.Phase.DEGRADED;
            status.conditions = Conditions.failed(status.conditions, generation, failure, clock);
        }
        StatusWriter.write(client, consortium, stored -> status);
    }
}
