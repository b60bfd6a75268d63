package io.baas.support;

import io.baas.config.PodSecurityLevel;
import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** The platform settings of builder and reconciler tests: the service's defaults, no node resources. */
public final class TestPlatform {

    /** The service's defaults for the CouchDB sidecar. */
    public static final ResourceRequirements COUCHDB_RESOURCES = new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi")).build();

    public static final PlatformSettings SETTINGS = settings(false);

    private TestPlatform() {
    }

    public static PlatformSettings settings(boolean operationsTls) {
        return new PlatformSettings("hyperledger", "2.5.5", "couchdb:3.3.3", "", "10Gi", "10Gi",
                new ResourceRequirements(), new ResourceRequirements(), "kubesphere-system", "kubesphere-monitoring-system",
                "cluster.local", operationsTls, "kubesphere/ks-baas-chaincodes:0.1.0", new ResourceRequirements(),
                PodSecurityLevel.RESTRICTED, COUCHDB_RESOURCES);
    }
}
