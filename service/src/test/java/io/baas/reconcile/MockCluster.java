package io.baas.reconcile;

import io.baas.crd.Organization;
import io.baas.dev.EmbeddedSeed;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;

/**
 * The fabric8 mock API server in CRUD mode with the baas.io CRDs the test names, and
 * organizations made as the API makes them: CAs held in the service's namespace, public
 * certificates in the status.
 */
final class MockCluster implements AutoCloseable {

    static final String SERVICE_NAMESPACE = "kubesphere-system";

    private final KubernetesMockServer server;
    final KubernetesClient client;

    @SafeVarargs
    MockCluster(Class<? extends CustomResource<?, ?>>... kinds) {
        this(new KubernetesCrudDispatcher(), kinds);
    }

    /** With a dispatcher that refuses more than the plain CRUD one (such as {@link ImmutableClaimTemplatesDispatcher}). */
    @SafeVarargs
    MockCluster(KubernetesCrudDispatcher dispatcher, Class<? extends CustomResource<?, ?>>... kinds) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        for (var kind : List.of(kinds)) {
            client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(kind)).create();
        }
    }

    /** MSP ID: the name without dashes, upper case, plus MSP (bank-a: BANKAMSP). */
    static String mspId(String organization) {
        return organization.replace("-", "").toUpperCase() + "MSP";
    }

    /** An organization of workspace ws-<name> with built-in root CAs, as the API creates it. */
    OrganizationCas organization(String name) {
        OrganizationCas cas = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT)
                .createRoots(new MspOrganization(mspId(name), name + ".example"));
        client.secrets().resource(OrganizationCaSecret.build(SERVICE_NAMESPACE, name, cas)).create();
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = "ws-" + name;
        organization.getSpec().mspId = mspId(name);
        organization.getSpec().domain = name + ".example";
        Organization stored = client.resources(Organization.class).resource(organization).create();
        stored.setStatus(new Organization.Status());
        stored.getStatus().caCertificate = Pem.encode(cas.signingCa().chain());
        stored.getStatus().tlsCaCertificate = Pem.encode(cas.tlsCa().chain());
        client.resources(Organization.class).resource(stored).updateStatus();
        return cas;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
