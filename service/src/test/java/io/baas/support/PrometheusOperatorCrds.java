package io.baas.support;

import io.baas.k8s.ServiceMonitor;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

/** The Prometheus Operator's ServiceMonitor CRD as a cluster with the operator has it (schema left open). */
public final class PrometheusOperatorCrds {

    private PrometheusOperatorCrds() {
    }

    public static CustomResourceDefinition serviceMonitor() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(ServiceMonitor.CRD).endMetadata()
                .withNewSpec()
                .withGroup(ServiceMonitor.GROUP)
                .withScope("Namespaced")
                .withNewNames().withKind("ServiceMonitor").withListKind("ServiceMonitorList").withPlural(ServiceMonitor.PLURAL)
                .withSingular("servicemonitor").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
