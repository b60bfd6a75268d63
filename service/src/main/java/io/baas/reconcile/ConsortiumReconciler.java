package io.baas.reconcile;

import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
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
 * Makes a Consortium's isolation real, in a few named steps: keep the finalizer, apply the member
 * namespaces, apply their NetworkPolicies, remove what belongs to organizations that left, and write
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

    private void cleanUp(Consortium consortium, Map<Applier.Outcome, Integer> outcomes) {
        for (Namespace namespace : owned(consortium)) {
            ReconcileResult.count(outcomes, applier.delete(namespace));
        }
        client.resources(Consortium.class).withName(consortium.getMetadata().getName()).edit(c -> {
            c.getMetadata().getFinalizers().remove(FINALIZER);
            return c;
        });
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
            status.conditions = Conditions.degraded(status.conditions, generation, "ApplyFailed", failure.getMessage(), clock);
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
