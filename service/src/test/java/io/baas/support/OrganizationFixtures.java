package io.baas.support;

import io.baas.crd.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Organizations as kubectl would apply them, for tests whose subject is not the organization API. */
public final class OrganizationFixtures {

    private OrganizationFixtures() {
    }

    /** The organization of the workspace (MSP ID and domain from its name), applied unless it exists. */
    public static void applied(KubernetesClient client, String name, String workspace) {
        if (client.resources(Organization.class).withName(name).get() != null) {
            return;
        }
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = workspace;
        organization.getSpec().mspId = name.replace("-", "") + "MSP";
        organization.getSpec().domain = name + ".example.com";
        client.resources(Organization.class).resource(organization).create();
    }
}
