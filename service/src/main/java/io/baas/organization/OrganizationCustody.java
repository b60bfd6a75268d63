package io.baas.organization;

import io.baas.api.ApiException;
import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.pki.CaCertificates;
import io.baas.pki.ImportedCa;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.fabricca.FabricCaIssuer;
import io.baas.pki.k8s.ExternalCaSecret;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.pki.k8s.OrganizationIssuers;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * Where an organization's CAs live: one Secret in the service's own namespace, holding either the
 * built-in CAs' keys or the link to an external Fabric CA (the registrar's enrollment). Creating
 * built-in CAs reuses a Secret left by an earlier attempt that died before its Organization was
 * written, so a retry neither fails nor mints a second CA.
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
        Optional<Secret> existing = secret(organization).filter(s -> !OrganizationIssuers.isExternal(s));
        if (existing.isPresent()) {
            return new CreatedCas(OrganizationCaSecret.read(existing.get(), msp, clock, ValidityPolicy.DEFAULT), false);
        }
        deleteCas(organization); // an external CA link left by an earlier try for another mode
        OrganizationCaFactory factory = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT);
        // The imported root's key is used once, here, to sign the intermediates; it is not kept.
        OrganizationCas cas = root.map(r -> factory.createIntermediates(msp, r, r)).orElseGet(() -> factory.createRoots(msp));
        client.secrets().resource(OrganizationCaSecret.build(namespace, organization, cas)).create();
        return new CreatedCas(cas, true);
    }

    /**
     * Keeps the link to an external Fabric CA whose registrar has just enrolled. A Secret left by an
     * earlier try is replaced: it may name another CA, and nothing in it is irreplaceable.
     */
    public void keepExternal(String organization, FabricCaIssuer issuer) {
        client.secrets().resource(ExternalCaSecret.build(namespace, organization, issuer)).createOr(existing -> existing.update());
    }

    /** Where the organization's identities come from, issuing as of now. */
    public OrganizationIssuer issuer(Organization organization) {
        return issuer(organization, clock);
    }

    public OrganizationIssuer issuer(Organization organization, Clock at) {
        Secret secret = requireSecret(organization);
        boolean external = OrganizationIssuers.isExternal(secret);
        if (external != (organization.getSpec().caMode == Organization.CaMode.EXTERNAL)) {
            throw ApiException.unavailable("The CA Secret of organization " + organization.getMetadata().getName()
                    + " does not match its CA mode " + organization.getSpec().caMode + ".");
        }
        return OrganizationIssuers.read(secret, msp(organization), at);
    }

    public CaCertificates certificates(Organization organization) {
        return issuer(organization).certificates();
    }

    /** The built-in CAs with their keys, issuing as of the clock's time; empty for an external Fabric CA. */
    public Optional<OrganizationCas> builtInCas(Organization organization, Clock at) {
        Secret secret = requireSecret(organization);
        if (OrganizationIssuers.isExternal(secret)) {
            return Optional.empty();
        }
        return Optional.of(OrganizationCaSecret.read(secret, msp(organization), at, ValidityPolicy.DEFAULT));
    }

    /** Replaces the built-in CAs' certificates (renewal: same keys). */
    public void replaceCas(Organization organization, OrganizationCas cas) {
        Secret fresh = OrganizationCaSecret.build(namespace, organization.getMetadata().getName(), cas);
        client.secrets().inNamespace(namespace).withName(OrganizationCaSecret.name(organization.getMetadata().getName()))
                .edit(current -> {
                    current.setData(fresh.getData());
                    return current;
                });
    }

    /** Whether the organization's CA Secret (built-in keys or the external CA's enrollment) exists. */
    public boolean holdsCas(String organization) {
        return secret(organization).isPresent();
    }

    public void deleteCas(String organization) {
        client.secrets().inNamespace(namespace).withName(OrganizationCaSecret.name(organization)).delete();
    }

    public static MspOrganization msp(Organization organization) {
        return new MspOrganization(organization.getSpec().mspId, organization.getSpec().domain);
    }

    private Secret requireSecret(Organization organization) {
        return secret(organization.getMetadata().getName()).orElseThrow(() -> new IllegalStateException(
                "The CA Secret of organization " + organization.getMetadata().getName() + " is missing"));
    }

    private Optional<Secret> secret(String organization) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(OrganizationCaSecret.name(organization)).get());
    }

    public record CreatedCas(OrganizationCas cas, boolean createdNow) {
    }
}
