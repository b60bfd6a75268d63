package io.baas.k8s.build;

import io.baas.config.BaasConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Turns {@code baas.platform.*} into the plain value the pure builders take. */
public class PlatformSettingsProducer {

    @Produces
    @Singleton
    PlatformSettings platformSettings(BaasConfig config) {
        return from(config);
    }

    public static PlatformSettings from(BaasConfig config) {
        BaasConfig.Platform platform = config.platform();
        ResourceRequirements nodeResources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(platform.nodeCpuRequest()))
                .addToRequests("memory", new Quantity(platform.nodeMemoryRequest()))
                .addToLimits("cpu", new Quantity(platform.nodeCpuLimit()))
                .addToLimits("memory", new Quantity(platform.nodeMemoryLimit()))
                .build();
        return new PlatformSettings(platform.imageRegistry(), platform.fabricVersion(), platform.couchdbImage(),
                platform.storageClassName().orElse(""), platform.peerStorageSize(), platform.ordererStorageSize(),
                nodeResources, nodeResources, config.kubernetes().namespace(), platform.monitoringNamespace(),
                platform.clusterDomain(), platform.operationsTls(), platform.chaincodeImage(),
                new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity(platform.chaincodeCpuRequest()))
                        .addToRequests("memory", new Quantity(platform.chaincodeMemoryRequest()))
                        .addToLimits("cpu", new Quantity(platform.chaincodeCpuLimit()))
                        .addToLimits("memory", new Quantity(platform.chaincodeMemoryLimit()))
                        .build(),
                config.namespaces().podSecurity(),
                new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity(platform.couchdbCpuRequest()))
                        .addToRequests("memory", new Quantity(platform.couchdbMemoryRequest()))
                        .addToLimits("cpu", new Quantity(platform.couchdbCpuLimit()))
                        .addToLimits("memory", new Quantity(platform.couchdbMemoryLimit()))
                        .build());
    }
}
