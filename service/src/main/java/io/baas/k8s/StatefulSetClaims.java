package io.baas.k8s;

import io.baas.crd.ConditionReason;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a StatefulSet's desired claim templates mean once it exists. The API server never lets
 * {@code volumeClaimTemplates} change ({@link Applier} keeps the stored ones), so a wish for more
 * storage is carried to the claims themselves ({@code <template>-<statefulset>-<ordinal>}) when
 * their StorageClass has {@code allowVolumeExpansion: true}; everything else that cannot happen is
 * a {@link Refusal}: a smaller size (claims never shrink), another StorageClass (a claim keeps its
 * class), expansion the class does not allow, a claim template the StatefulSet does not have.
 */
public final class StatefulSetClaims {

    /** Why a claim stays as it is; reasons are CamelCase for programs, messages are for people. */
    public record Refusal(String claim, ConditionReason reason, String message) {
    }

    /**
     * @param writes one PATCHED per expanded claim
     * @param refusals what stays as it was
     * @param blocked the desired StatefulSet mounts a claim template the existing one lacks: applying
     *                it would be refused, so it is not applied until the node is made again
     */
    public record Result(List<Applier.Outcome> writes, List<Refusal> refusals, boolean blocked) {

        public Result {
            writes = List.copyOf(writes);
            refusals = List.copyOf(refusals);
        }

        static final Result NONE = new Result(List.of(), List.of(), false);
    }

    private final KubernetesClient client;

    public StatefulSetClaims(KubernetesClient client) {
        this.client = client;
    }

    /** Compares the desired StatefulSet's claim templates with the existing one's and its claims; expands what may grow. */
    public Result reconcile(StatefulSet desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        StatefulSet existing = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (existing == null) {
            return Result.NONE;
        }
        Map<String, PersistentVolumeClaim> kept = new LinkedHashMap<>();
        for (PersistentVolumeClaim template : templates(existing)) {
            kept.put(template.getMetadata().getName(), template);
        }
        int replicas = existing.getSpec().getReplicas() == null ? 1 : existing.getSpec().getReplicas();
        List<Applier.Outcome> writes = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        boolean blocked = false;
        for (PersistentVolumeClaim wanted : templates(desired)) {
            String template = wanted.getMetadata().getName();
            if (!kept.containsKey(template)) {
                blocked = true;
                refusals.add(new Refusal(template, ConditionReason.CLAIM_TEMPLATE_ADDED, "StatefulSet " + name + " has no claim template " + template
                        + " and a StatefulSet's claim templates cannot change, so it is left as it is (no other change reaches it"
                        + " either); delete and re-create the node to add it (its existing claims stay and are found again)"));
                continue;
            }
            for (int ordinal = 0; ordinal < replicas; ordinal++) {
                String claimName = template + "-" + name + "-" + ordinal;
                PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
                if (claim != null) {
                    compare(claim, kept.get(template), wanted, writes, refusals);
                }
                // No claim yet: the StatefulSet controller makes it from the kept template; a later pass compares it.
            }
        }
        return new Result(writes, refusals, blocked);
    }

    private void compare(PersistentVolumeClaim claim, PersistentVolumeClaim keptTemplate, PersistentVolumeClaim wanted,
                         List<Applier.Outcome> writes, List<Refusal> refusals) {
        String claimName = claim.getMetadata().getName();
        String storageClass = claim.getSpec().getStorageClassName() != null ? claim.getSpec().getStorageClassName()
                : keptTemplate.getSpec().getStorageClassName();
        String wantedClass = wanted.getSpec().getStorageClassName();
        // No class asked means the cluster's default, which the claim got when it was made: nothing to compare.
        if (wantedClass != null && !wantedClass.isEmpty() && !wantedClass.equals(storageClass)) {
            refusals.add(new Refusal(claimName, ConditionReason.STORAGE_CLASS_UNCHANGEABLE, "claim " + claimName + " stays on StorageClass "
                    + (storageClass == null ? "(none)" : storageClass) + " (" + wantedClass + " asked): a claim's StorageClass cannot change"));
        }
        Quantity size = size(claim);
        Quantity wantedSize = size(wanted);
        if (size == null || wantedSize == null) {
            return;
        }
        int order = wantedSize.getNumericalAmount().compareTo(size.getNumericalAmount());
        if (order < 0) {
            refusals.add(new Refusal(claimName, ConditionReason.SHRINK_REFUSED, "claim " + claimName + " stays at " + size
                    + " (" + wantedSize + " asked): a PersistentVolumeClaim never shrinks"));
        } else if (order > 0) {
            ClusterAccess.requireClusterWide(new StorageClass(), "get");
            StorageClass found = storageClass == null ? null : client.storage().v1().storageClasses().withName(storageClass).get();
            if (found != null && Boolean.TRUE.equals(found.getAllowVolumeExpansion())) {
                ClusterAccess.requireClusterWide(claim, "get", "patch");
                client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claimName).edit(c -> {
                    c.getSpec().getResources().getRequests().put("storage", wantedSize);
                    return c;
                });
                writes.add(Applier.Outcome.PATCHED);
            } else {
                refusals.add(new Refusal(claimName, ConditionReason.EXPANSION_NOT_ALLOWED, "claim " + claimName + " stays at " + size
                        + " (" + wantedSize + " asked): " + (storageClass == null ? "it has no StorageClass"
                        : found == null ? "its StorageClass " + storageClass + " does not exist"
                        : "its StorageClass " + storageClass + " does not set allowVolumeExpansion: true")));
            }
        }
    }

    private static List<PersistentVolumeClaim> templates(StatefulSet set) {
        return set.getSpec() == null || set.getSpec().getVolumeClaimTemplates() == null ? List.of()
                : set.getSpec().getVolumeClaimTemplates();
    }

    private static Quantity size(PersistentVolumeClaim claim) {
        if (claim.getSpec() == null || claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null) {
            return null;
        }
        return claim.getSpec().getResources().getRequests().get("storage");
    }
}
