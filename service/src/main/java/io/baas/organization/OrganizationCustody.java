package io.baas.organization;

import io.baas.config.BaasConfig;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.k8s.Creates;
import io.baas.pki.CaCertificates;
import io.baas.pki.ImportedCa;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.OrganizationIssuer;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.fabricca.FabricCaIssuer;
import io.baas.pki.k8s.ExternalCaSecret;
import io.baas.pki.k8s.LegacySecrets;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.pki.k8s.OrganizationIssuers;
import io.baas.pki.k8s.SecretNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OrganizationCustody.class);
    /** On a built-in CA Secret: a hash of the MSP ID, domain and imported root it was made for. */
    static final String MADE_FOR = "baas.io/ca-made-for";

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock = Clock.systemUTC();

    /** How long a call to an organization's external Fabric CA may take. */
    private final java.time.Duration fabricCaTimeout;

    /** As {@link #issuer}'s external CAs are called: how long a call to a Fabric CA may take. */
    public java.time.Duration fabricCaTimeout() {
        return fabricCaTimeout;
    }

    OrganizationCustody(KubernetesClient client, BaasConfig config) {
        this.client = client;
        this.namespace = config.kubernetes().namespace();
        this.fabricCaTimeout = config.pki().fabricCaTimeout();
    }

    public String namespace() {
        return namespace;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The CAs of an organization being created. A Secret left by an earlier try that died before
     * its Organization was written is reused when it was made for the same MSP, domain and root;
     * otherwise (another mode, other subjects) it is replaced. A Secret under the name that is not
     * this organization's is never touched: that is a conflict.
     */
    public CreatedCas createOrReuse(String organization, MspOrganization msp, Optional<ImportedCa> root) {
        String madeFor = madeFor(msp, root);
        Optional<Secret> existing = secret(organization);
        if (existing.isPresent() && !OrganizationIssuers.isExternal(existing.get())
                && madeFor.equals(annotation(existing.get(), MADE_FOR))) {
            return new CreatedCas(OrganizationCaSecret.read(existing.get(), msp, clock, ValidityPolicy.DEFAULT), Optional.empty());
        }
        existing.ifPresent(this::deleteExactly); // left by an earlier try for another mode or other subjects
        OrganizationCaFactory factory = new OrganizationCaFactory(clock, ValidityPolicy.DEFAULT);
        // The imported root's key is used once, here, to sign the intermediates; it is not kept.
        OrganizationCas cas = root.map(r -> factory.createIntermediates(msp, r, r)).orElseGet(() -> factory.createRoots(msp));
        Secret secret = OrganizationCaSecret.build(namespace, organization, cas);
        secret.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(MADE_FOR, madeFor)));
        return new CreatedCas(cas, Optional.of(create(organization, secret)));
    }

    /**
     * Keeps the link to an external Fabric CA whose registrar has just enrolled, and answers the uid
     * of the Secret written. One left by an earlier try is replaced: it may name another CA, and
     * nothing in it is irreplaceable.
     */
    public String keepExternal(String organization, FabricCaIssuer issuer) {
        secret(organization).ifPresent(this::deleteExactly);
        return create(organization, ExternalCaSecret.build(namespace, organization, issuer));
    }

    /** Creates the organization's CA Secret, answering its uid; its name taken by anything else is a conflict. */
    private String create(String organization, Secret secret) {
        return Creates.orConflict(() -> client.secrets().resource(secret).create().getMetadata().getUid(),
                "The CAs of organization " + organization + " are being made by another request,"
                        + " or their Secret's name is taken; nothing was changed.");
    }

    /**
     * Undoes a create: deletes the organization's CA Secret only if it is still the one with this
     * uid, the one this request made, so a rollback never removes another request's CAs.
     */
    public void deleteCreated(String organization, String uid) {
        secret(organization).filter(s -> uid.equals(s.getMetadata().getUid())).ifPresent(this::deleteExactly);
    }

    /** Where the organization's identities come from, issuing as of now. */
    public OrganizationIssuer issuer(Organization organization) {
        return issuer(organization, clock);
    }

    public OrganizationIssuer issuer(Organization organization, Clock at) {
        Secret secret = requireSecret(organization);
        boolean external = OrganizationIssuers.isExternal(secret);
        if (external != (organization.getSpec().caMode == Organization.CaMode.EXTERNAL)) {
            throw DomainException.unavailable("The CA Secret of organization " + organization.getMetadata().getName()
                    + " does not match its CA mode " + organization.getSpec().caMode + ".");
        }
        return OrganizationIssuers.read(secret, msp(organization), at, fabricCaTimeout);
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
        Secret current = requireSecret(organization);
        current.setData(fresh.getData());
        client.secrets().resource(current).update(); // with its resourceVersion: a Secret changed meanwhile is not overwritten
    }

    /** Whether the organization's CA Secret (built-in keys or the external CA's enrollment) exists. */
    public boolean holdsCas(String organization) {
        return secret(organization).isPresent();
    }

    /** Deletes the organization's CA Secret; a Secret under its name that is not this organization's stays. */
    public void deleteCas(String organization) {
        secret(organization).ifPresent(this::deleteExactly);
    }

    /** Deletes this version of the Secret and nothing else: a Secret changed or made again meanwhile stays. */
    private void deleteExactly(Secret secret) {
        try {
            client.secrets().inNamespace(namespace).withName(secret.getMetadata().getName())
                    .lockResourceVersion(secret.getMetadata().getResourceVersion()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    public static MspOrganization msp(Organization organization) {
        return new MspOrganization(organization.getSpec().mspId, organization.getSpec().domain);
    }

    private Secret requireSecret(Organization organization) {
        return secret(organization.getMetadata().getName()).orElseThrow(() -> new IllegalStateException(
                "The CA Secret of organization " + organization.getMetadata().getName() + " is missing"));
    }

    /** The organization's CA Secret; one under its name whose labels say otherwise is not ours, and absent. */
    private Optional<Secret> secret(String organization) {
        String name = OrganizationCaSecret.name(organization);
        Secret found = client.secrets().inNamespace(namespace).withName(name).get();
        if (found == null) {
            return LegacySecrets.adopt(client, namespace, LegacySecrets.caName(organization), name,
                    s -> OrganizationCaSecret.belongsTo(s, organization));
        }
        if (!OrganizationCaSecret.belongsTo(found, organization)) {
            LOG.warnf("Secret %s/%s is not organization %s's CA Secret (its labels say otherwise); it is left alone.",
                    namespace, found.getMetadata().getName(), organization);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** What built-in CAs were made for: a leftover made for other subjects or another root is not reused. */
    private static String madeFor(MspOrganization msp, Optional<ImportedCa> root) {
        String rootKey = root.map(r -> io.baas.pki.SubjectKeyIds.hex(r.key().certificate().getPublicKey())).orElse("");
        return SecretNames.digest(msp.mspId(), msp.domain(), rootKey).substring(0, 32);
    }

    private static String annotation(Secret secret, String key) {
        return secret.getMetadata().getAnnotations() == null ? null : secret.getMetadata().getAnnotations().get(key);
    }

    /** The CAs, and the uid of the Secret this request made for them (empty: reused from an earlier try). */
    public record CreatedCas(OrganizationCas cas, Optional<String> createdUid) {

        public boolean createdNow() {
            return createdUid.isPresent();
        }
    }
}
