package io.baas.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KubeSphere's namespaced custom-monitoring dashboard ({@code monitoring.kubesphere.io/v1alpha2}
 * {@code Dashboard}, the storage version of kubesphere/monitoring-dashboard's api/v1alpha2; the same
 * spec as the chart's cluster-wide {@code ClusterDashboard}), optional in a cluster: what a project's
 * members see under the project's custom monitoring. Generic content, typed only for group, version
 * and plural, as {@link ServiceMonitor}.
 */
@Group(KubeSphereDashboard.GROUP)
@Version(KubeSphereDashboard.VERSION)
@Kind("Dashboard")
@Plural(KubeSphereDashboard.PLURAL)
public class KubeSphereDashboard extends GenericKubernetesResource implements Namespaced {

    public static final String GROUP = "monitoring.kubesphere.io";
    public static final String VERSION = "v1alpha2";
    public static final String PLURAL = "dashboards";
    /** The CRD that makes the kind exist (KubeSphere's monitoring installs it). */
    public static final String CRD = PLURAL + "." + GROUP;

    public KubeSphereDashboard() {
        setApiVersion(GROUP + "/" + VERSION);
        setKind("Dashboard");
    }

    /**
     * Whether the cluster serves the kind in this version now, asked once per reconcile pass like
     * {@link ServiceMonitor#existsIn}: the CRD by name, and v1alpha2 served by it (an older
     * monitoring-dashboard had only v1alpha1).
     */
    public static boolean existsIn(KubernetesClient client) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
        return crd != null && crd.getSpec() != null && crd.getSpec().getVersions().stream()
                .anyMatch(version -> VERSION.equals(version.getName()) && Boolean.TRUE.equals(version.getServed()));
    }
}
