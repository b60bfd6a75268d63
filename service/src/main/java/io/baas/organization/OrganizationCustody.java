package io.baas.organization;

import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.pki.ImportedCa;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * Where an organization's CAs live: one Secret in the service's own namespace. Creating reuses a
 * Secret left by an earlier attempt that died before its Organization was written, so a retry
 * neither fails nor mints a second CA.
 */
@ApplicationScoped
public class OrganizationCustody {

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock = Clock.systemUTC();

    OrganizationCustody(KubernetesClient client, BaasConfig config) {
        this.client = client;
        this.namespace = config.kubernetes().namespace();
    }

    public String namespace() {
        return namespace;
    }

    public Clock clock() {
        return clock;
    }

    /** The CAs of an organization being created, and whether they were made now (false: left by an earlier try). */
    public CreatedCas createOrReuse(String organization, MspOrganization msp, Optional<ImportedCa> root) {
        Optional<Secret> existing = secret(organization);
        if (existing.isPresent()) {
            return new CreatedCas(OrganizationCaSecret.read(existing.get(), msp, clock, ValidityPolicy.DEFAULT), false);
        }
        OrganizationCaFactory factory = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT);
        // The imported root's key is used once, here, to sign the intermediates; it is not kept.
        OrganizationCas cas = root.map(r -> factory.createIntermediates(msp, r, r)).orElseGet(() -> factory.createRoots(msp));
        client.secrets().resource(OrganizationCaSecret.build(namespace, organization, cas)).create();
        return new CreatedCas(cas, true);
    }

    public OrganizationCas cas(Organization organization) {
        return cas(organization, clock);
    }

    /** The CAs, issuing as of the given clock's time (renewal checks run at a chosen time). */
    public OrganizationCas cas(Organization organization, Clock at) {
        Secret secret = secret(organization.getMetadata().getName()).orElseThrow(() -> new IllegalStateException(
                "The CA Secret of organization " + organization.getMetadata().getName() + " is missing"));
        return OrganizationCaSecret.read(secret, msp(organization), at, ValidityPolicy.DEFAULT);
    }

    public void deleteCas(String organization) {
        client.secrets().inNamespace(namespace).withName(OrganizationCaSecret.name(organization)).delete();
    }

    public static MspOrganization msp(Organization organization) {
        return new MspOrganization(organization.getSpec().mspId, organization.getSpec().domain);
    }

    private Optional<Secret> secret(String organization) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(OrganizationCaSecret.name(organization)).get());
    }

    public record CreatedCas(OrganizationCas cas, boolean createdNow) {
    }
}
