package io.baas.support;

import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The platform settings of builder and reconciler tests: the service's defaults, no resources. */
public final class TestPlatform {

    public static final PlatformSettings SETTINGS = settings(false);

    private TestPlatform() {
    }

    public static PlatformSettings settings(boolean operationsTls) {
        return new PlatformSettings("hyperledger", "2.5.5", "couchdb:3.3.3", "", "10Gi", "10Gi",
                new ResourceRequirements(), new ResourceRequirements(), "kubesphere-system", "kubesphere-monitoring-system",
                "cluster.local", operationsTls, "kubesphere/ks-baas-chaincodes:0.1.0", new ResourceRequirements());
    }
}
