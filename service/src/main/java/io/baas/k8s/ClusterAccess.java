package io.baas.k8s;

import io.baas.config.KubeSphereVersion;
import io.baas.crd.BaasKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the service asks of the Kubernetes API, as RBAC rules: the one list behind the Helm
 * chart's ClusterRole and Roles ({@code HelmChartTest} compares them both ways), so the chart grants
 * what the code does and nothing more. {@link Applier} refuses to write a kind this list lacks, so a
 * builder that starts producing a new kind fails its tests here rather than with a 403 in a cluster.
 *
 * <p>Where a right is needed decides its {@link Reach}: consortium namespaces come and go, so what the
 * reconcilers write there needs a ClusterRole; listing and watching Secrets and ConfigMaps is only
 * done in the service's own namespace (held keys) and in {@code kubesphere-system} (the jwtSecret),
 * so those verbs are granted by Roles there, never cluster-wide.
 */
public final class ClusterAccess {

    /** Where a rule applies: the whole cluster, the service's namespace, or KubeSphere's. */
    public enum Reach { CLUSTER, SERVICE_NAMESPACE, KUBESPHERE_SYSTEM }

    /** One RBAC rule: API group ({@code ""} for core), resource (with {@code /subresource}), verbs. */
    public record Rule(Reach reach, String group, String resource, Set<String> verbs, String why) {

        public Rule {
            verbs = Collections.unmodifiableSet(new LinkedHashSet<>(verbs));
        }
    }

    public static final String KUBESPHERE_SYSTEM = "kubesphere-system";

    /** Objects the reconcilers apply and delete through {@link Applier}: get, create, patch, delete (update for createOr). */
    private static final List<String> WRITE = List.of("get", "create", "update", "patch", "delete");
    private static final List<String> READ = List.of("get", "list", "watch");

    public static final List<Rule> RULES = rules();

    private ClusterAccess() {
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(rule(Reach.CLUSTER, "", "namespaces", List.of("get", "list", "watch", "create", "update", "patch", "delete"),
                "consortium namespaces (made, labelled, deleted with the consortium); the IAM cache watches every namespace's workspace label"));
        rules.add(rule(Reach.CLUSTER, "networking.k8s.io", "networkpolicies", WRITE, "consortium isolation policies"));
        rules.add(rule(Reach.CLUSTER, "", "secrets", WRITE, "node identities, CouchDB credentials, chaincode server TLS keys in consortium namespaces"));
        rules.add(rule(Reach.CLUSTER, "", "configmaps", WRITE, "node MSPs and channel genesis blocks in consortium namespaces"));
        rules.add(rule(Reach.CLUSTER, "", "services", WRITE, "peer, orderer and chaincode server Services"));
        rules.add(rule(Reach.CLUSTER, "apps", "statefulsets", WRITE, "peers and orderers"));
        rules.add(rule(Reach.CLUSTER, "", "persistentvolumeclaims", List.of("get", "patch"),
                "ledger claims, expanded when a node asks for more storage (a StatefulSet's claim templates cannot change)"));
        rules.add(rule(Reach.CLUSTER, "storage.k8s.io", "storageclasses", List.of("get"),
                "whether a ledger claim's StorageClass allows expansion"));
        rules.add(rule(Reach.CLUSTER, "apps", "deployments", List.of("get", "list", "create", "update", "patch", "delete"),
                "chaincode servers (listed across namespaces to find those of one package)"));
        for (String workload : List.of("statefulsets", "deployments")) {
            rules.add(rule(Reach.CLUSTER, "apps", workload, List.of("list", "watch"),
                    "the controller runtime watches its own (label app.kubernetes.io/managed-by=ks-baas) to see them turn ready"));
        }
        rules.add(rule(Reach.CLUSTER, "", "services", List.of("list", "watch"),
                "the controller runtime watches its own (label app.kubernetes.io/managed-by=ks-baas) to restore a deleted one"));
        rules.add(rule(Reach.CLUSTER, "authorization.k8s.io", "selfsubjectrulesreviews", List.of("create"),
                "the controller runtime checks at start that it may hold the reconciler Lease"));
        rules.add(rule(Reach.CLUSTER, "", "events", List.of("create"), "reconcile events on the custom resources"));
        rules.add(rule(Reach.CLUSTER, ServiceMonitor.GROUP, ServiceMonitor.PLURAL, WRITE,
                "the Fabric nodes' ServiceMonitor in each consortium namespace"));
        rules.add(rule(Reach.CLUSTER, KubeSphereDashboard.GROUP, KubeSphereDashboard.PLURAL, WRITE,
                "the Fabric nodes' KubeSphere Dashboard (a project's custom monitoring) in each consortium namespace"));
        rules.add(rule(Reach.CLUSTER, "apiextensions.k8s.io", "customresourcedefinitions", List.of("get"),
                "whether the cluster has the ServiceMonitor and KubeSphere Dashboard kinds (their CRDs, by name)"));
        for (Class<? extends HasMetadata> kind : BaasKinds.ALL) {
            String plural = HasMetadata.getPlural(kind);
            rules.add(rule(Reach.CLUSTER, HasMetadata.getGroup(kind), plural,
                    List.of("get", "list", "watch", "create", "update", "patch", "delete"), "the baas.io custom resources"));
            rules.add(rule(Reach.CLUSTER, HasMetadata.getGroup(kind), plural + "/status", List.of("get", "update", "patch"),
                    "one status write per reconcile"));
            rules.add(rule(Reach.CLUSTER, HasMetadata.getGroup(kind), plural + "/finalizers", List.of("update"),
                    "owner references with blockOwnerDeletion on objects owned by the custom resources"));
        }
        for (KubeSphereVersion version : KubeSphereVersion.values()) {
            for (KubeSphereKind kind : KubeSphereKind.values()) {
                if (kind.existsIn(version) && kind != KubeSphereKind.ROLE_TEMPLATE && kind != KubeSphereKind.BUILTIN_ROLE) {
                    rules.add(rule(Reach.CLUSTER, kind.group(version), kind.plural(), READ,
                            "KubeSphere " + (version == KubeSphereVersion.V4 ? "4" : "3.x")
                                    + " IAM cache (users, service accounts, roles, bindings, workspaces)"));
                }
            }
        }
        rules.add(rule(Reach.SERVICE_NAMESPACE, "", "secrets", List.of("list", "watch", "deletecollection"),
                "held CA and identity keys, listed and removed by label"));
        rules.add(rule(Reach.SERVICE_NAMESPACE, "", "configmaps", List.of("list", "watch"), "the service's own ConfigMaps"));
        rules.add(rule(Reach.SERVICE_NAMESPACE, "coordination.k8s.io", "leases", List.of("get", "create", "update", "patch"),
                "the Lease ks-baas-reconciler: one replica reconciles"));
        rules.add(rule(Reach.KUBESPHERE_SYSTEM, "", "configmaps", List.of("list", "watch"),
                "kubesphere-config: the jwtSecret, followed when it changes"));
        rules.add(rule(Reach.KUBESPHERE_SYSTEM, "", "secrets", List.of("list", "watch"),
                "kubesphere-secret: the jwtSecret of KubeSphere 3.x, followed when it changes"));
        return merge(rules);
    }

    /** Rules of the same reach, group and resource become one (IAM kinds repeat across versions). */
    private static List<Rule> merge(List<Rule> rules) {
        List<Rule> merged = new ArrayList<>();
        for (Rule rule : rules) {
            int at = -1;
            for (int i = 0; i < merged.size(); i++) {
                Rule m = merged.get(i);
                if (m.reach() == rule.reach() && m.group().equals(rule.group()) && m.resource().equals(rule.resource())) {
                    at = i;
                }
            }
            if (at < 0) {
                merged.add(rule);
            } else {
                Set<String> verbs = new LinkedHashSet<>(merged.get(at).verbs());
                verbs.addAll(rule.verbs());
                merged.set(at, new Rule(rule.reach(), rule.group(), rule.resource(), verbs, merged.get(at).why()));
            }
        }
        return List.copyOf(merged);
    }

    private static Rule rule(Reach reach, String group, String resource, List<String> verbs, String why) {
        return new Rule(reach, group, resource, new LinkedHashSet<>(verbs), why);
    }

    /** Does a rule of this reach (or the cluster's) grant the verb on the group's resource? */
    public static boolean allows(Reach reach, String group, String resource, String verb) {
        return RULES.stream().anyMatch(r -> (r.reach() == Reach.CLUSTER || r.reach() == reach)
                && r.group().equals(group) && r.resource().equals(resource) && r.verbs().contains(verb));
    }

    /** The rules of one reach. */
    public static List<Rule> rules(Reach reach) {
        return RULES.stream().filter(r -> r.reach() == reach).toList();
    }

    /**
     * Throws when the service would write a kind in any namespace without a cluster-wide rule for it:
     * the Helm chart would not grant it either.
     */
    public static void requireClusterWide(HasMetadata object, String... verbs) {
        String apiVersion = object.getApiVersion() != null ? object.getApiVersion() : HasMetadata.getApiVersion(object.getClass());
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String plural = HasMetadata.getPlural(object.getClass());
        for (String verb : verbs) {
            if (!allows(Reach.CLUSTER, group, plural, verb)) {
                throw new IllegalStateException("ks-baas would " + verb + " " + (group.isEmpty() ? "" : group + "/")
                        + plural + " but io.baas.k8s.ClusterAccess does not list it: add it there, and to the Helm chart's ClusterRole");
            }
        }
    }
}
