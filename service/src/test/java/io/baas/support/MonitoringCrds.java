package io.baas.support;

import io.baas.k8s.KubeSphereDashboard;
import io.baas.k8s.ServiceMonitor;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

/**
 * The optional monitoring kinds the service writes, as a cluster with them has their CRDs (schema
 * left open): the Prometheus Operator's ServiceMonitor and KubeSphere's namespaced Dashboard.
 */
public final class MonitoringCrds {

    private MonitoringCrds() {
    }

    public static CustomResourceDefinition serviceMonitor() {
        return namespaced(ServiceMonitor.GROUP, "ServiceMonitor", ServiceMonitor.PLURAL, "v1");
    }

    /** With the given versions served, the first the storage version (KubeSphere's serves v1alpha1 and v1alpha2). */
    public static CustomResourceDefinition kubeSphereDashboard(String... versions) {
        return namespaced(KubeSphereDashboard.GROUP, "Dashboard", KubeSphereDashboard.PLURAL, versions);
    }

    private static CustomResourceDefinition namespaced(String group, String kind, String plural, String... versions) {
        CustomResourceDefinitionBuilder crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec()
                .withGroup(group)
                .withScope("Namespaced")
                .withNewNames().withKind(kind).withListKind(kind + "List").withPlural(plural)
                .withSingular(kind.toLowerCase()).endNames()
                .endSpec();
        for (int i = 0; i < versions.length; i++) {
            crd.editSpec().addNewVersion().withName(versions[i]).withServed(true).withStorage(i == 0)
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                    .endOpenAPIV3Schema().endSchema()
                    .endVersion().endSpec();
        }
        return crd.build();
    }
}
