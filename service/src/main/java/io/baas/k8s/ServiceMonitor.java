package io.baas.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Prometheus Operator's ServiceMonitor ({@code monitoring.coreos.com/v1}), optional in a cluster.
 * Its content stays generic (the spec is a map); the class only gives the kind its group, version and
 * plural, so {@link Applier} and {@link ClusterAccess} treat it like any typed kind. Not a
 * {@code CustomResource}: the CRD generator would make a CRD of it.
 */
@Group(ServiceMonitor.GROUP)
@Version("v1")
@Kind("ServiceMonitor")
@Plural(ServiceMonitor.PLURAL)
public class ServiceMonitor extends GenericKubernetesResource implements Namespaced {

    public static final String GROUP = "monitoring.coreos.com";
    public static final String PLURAL = "servicemonitors";
    /** The CRD that makes the kind exist: without it, the API server refuses ServiceMonitors. */
    public static final String CRD = PLURAL + "." + GROUP;

    public ServiceMonitor() {
        setApiVersion(GROUP + "/v1");
        setKind("ServiceMonitor");
    }

    /** Whether the cluster serves the kind now: asked once per reconcile pass, as the operator can come and go. */
    public static boolean existsIn(KubernetesClient client) {
        return client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() != null;
    }
}
