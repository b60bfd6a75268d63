package io.baas.organization;

import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.k8s.Creates;
import io.baas.pki.MspOrganization;
import io.baas.pki.Pem;
import io.baas.pki.fabricca.FabricCaConnection;
import io.baas.pki.fabricca.FabricCaIssuer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Organizations of a workspace: created with their CAs (keys in a Secret of the service's
 * namespace, public certificates in the status), listed, read, deleted when no consortium uses them.
 */
@ApplicationScoped
public class OrganizationService {

    private static final Logger LOG = Logger.getLogger(OrganizationService.class);
    /** Held until the platform has deleted the organization's keys (identities, CAs). */
    public static final String FINALIZER = "baas.io/organization-cleanup";
    /** When the organization's CAs were last renewed: set so that the reconciler publishes the new certificates. */
    public static final String CAS_RENEWED_ANNOTATION = "baas.io/cas-renewed-at";
    private static final int STATUS_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final OrganizationCustody custody;
    private final IdentityService identities;
    private final OrganizationClaims claims;

    OrganizationService(KubernetesClient client, OrganizationCustody custody, IdentityService identities, OrganizationClaims claims) {
        this.client = client;
        this.custody = custody;
        this.identities = identities;
        this.claims = claims;
    }

    /** Every organization of the platform (platform admins). */
    public List<Organization> all() {
        return client.resources(Organization.class).list().getItems();
    }

    public List<Organization> list(String workspace) {
        return client.resources(Organization.class).withLabel(BaasResource.WORKSPACE_LABEL, workspace).list().getItems().stream()
                .filter(o -> o.getSpec() != null && workspace.equals(o.getSpec().workspace))
                .toList();
    }

    /** The organization, if the workspace owns it; another workspace's organization is "not found". */
    public Organization get(String workspace, String name) {
        Organization organization = client.resources(Organization.class).withName(name).get();
        if (organization == null || organization.getSpec() == null || !workspace.equals(organization.getSpec().workspace)) {
            throw DomainException.notFound("Organization " + name + " does not exist in workspace " + workspace + ".");
        }
        return organization;
    }

    /**
     * Claims the name and the MSP ID (atomically: of parallel creates one wins, the others get 409
     * and touch nothing), makes the CAs, then the Organization. A failure before the Organization
     * exists removes only what this request made and frees the claim.
     */
    public Organization create(String workspace, NewOrganization request) {
        if (!request.external() && request.externalCa() != null) {
            throw DomainException.invalid("externalCa is only for caMode External.",
                    List.of(new FieldError("body.caMode", "must be External when externalCa is given")));
        }
        Organization created;
        try (OrganizationClaims.Claim claim = claims.claim(workspace, request.name(), request.mspId())) {
            java.util.Optional<String> madeCaSecret = java.util.Optional.empty();
            try {
                requireUnused(request); // organizations that have no claim: applied with kubectl, or older than claims
                Organization.Spec spec = spec(workspace, request);
                MspOrganization msp = new MspOrganization(spec.mspId, spec.domain);
                if (request.external()) {
                    FabricCaIssuer issuer = enrollExternal(request, msp);
                    madeCaSecret = java.util.Optional.of(custody.keepExternal(request.name(), issuer));
                    spec.caMode = Organization.CaMode.EXTERNAL;
                    spec.externalCa = new Organization.ExternalCa();
                    spec.externalCa.url = issuer.connection().url().toString();
                    spec.externalCa.caName = issuer.connection().caName().orElse(null);
                    spec.externalCa.tlsCaName = issuer.connection().tlsCaName().orElse(null);
                    LOG.infof("Organization %s uses the Fabric CA at %s; its registrar %s is enrolled.", request.name(),
                            spec.externalCa.url, request.externalCa().registrarId());
                } else {
                    OrganizationCustody.CreatedCas madeCas = custody.createOrReuse(request.name(), msp, importedRoot(request));
                    madeCaSecret = madeCas.createdUid();
                }
                created = createResource(workspace, request.name(), spec, claim);
            } catch (RuntimeException e) {
                // Leave nothing behind that a retry could not explain, and nothing of anyone else's.
                madeCaSecret.ifPresent(uid -> custody.deleteCreated(request.name(), uid));
                claim.release();
                throw e;
            }
            claim.bind();
        }
        // Made: from here on its CAs stay. The reconciler alone writes the status (the CA certificates, Ready).
        return created;
    }

    private void requireUnused(NewOrganization request) {
        if (client.resources(Organization.class).withName(request.name()).get() != null) {
            throw DomainException.conflict("An organization named " + request.name() + " already exists.");
        }
        boolean mspTaken = client.resources(Organization.class).list().getItems().stream()
                .anyMatch(o -> o.getSpec() != null && request.mspId().equals(o.getSpec().mspId));
        if (mspTaken) {
            throw DomainException.conflict("The MSP ID " + request.mspId() + " is already used by another organization.");
        }
    }

    private static Organization.Spec spec(String workspace, NewOrganization request) {
        Organization.Spec spec = new Organization.Spec();
        spec.workspace = workspace;
        spec.mspId = request.mspId();
        spec.domain = request.domain() == null || request.domain().isBlank()
                ? request.name() + "." + workspace + ".baas" : request.domain();
        spec.displayName = request.displayName();
        return spec;
    }

    private Organization createResource(String workspace, String name, Organization.Spec spec, OrganizationClaims.Claim claim) {
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        organization.getMetadata().setLabels(java.util.Map.of(BaasResource.WORKSPACE_LABEL, workspace,
                "app.kubernetes.io/managed-by", "ks-baas"));
        organization.getMetadata().setAnnotations(java.util.Map.of(OrganizationClaims.ANNOTATION, claim.requestId()));
        // Made with its finalizer, so even a delete that fails halfway leaves it to finish the cleanup.
        organization.getMetadata().setFinalizers(new java.util.ArrayList<>(List.of(FINALIZER)));
        organization.setSpec(spec);
        return Creates.orConflict(() -> client.resources(Organization.class).resource(organization).create(),
                "An organization named " + name + " already exists.");
    }

    /**
     * Tells the reconciler that the organization's CAs were renewed, by an annotation (a change it
     * reacts to at once): it alone writes the status, and it reads the certificates from custody.
     */
    public void announceRenewedCas(String name, java.time.Instant renewedAt) {
        if (client.resources(Organization.class).withName(name).get() == null) {
            return; // deleted meanwhile: nothing to publish
        }
        client.resources(Organization.class).withName(name).edit(organization -> {
            java.util.Map<String, String> annotations = organization.getMetadata().getAnnotations() == null
                    ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(organization.getMetadata().getAnnotations());
            annotations.put(CAS_RENEWED_ANNOTATION, renewedAt.toString());
            organization.getMetadata().setAnnotations(annotations);
            return organization;
        });
    }

    /** Names of the consortia the organization is a member of: while there are any, it stays. */
    public List<String> consortiaWith(String name) {
        return client.resources(Consortium.class).list().getItems().stream()
                .filter(c -> c.getSpec() != null && c.getSpec().members != null
                        && c.getSpec().members.stream().anyMatch(m -> name.equals(m.organization)))
                .map(c -> c.getMetadata().getName())
                .toList();
    }

    /** Deletes the keys the platform holds for the organization (identities, then CAs) and frees its name and MSP ID. Repeatable. */
    public void deleteKeys(String name) {
        identities.deleteAll(name);
        custody.deleteCas(name);
        // While the organization still exists (its finalizer holds it), so no new create can own the claim yet.
        Organization organization = client.resources(Organization.class).withName(name).get();
        if (organization != null) {
            claims.releaseFor(organization);
        }
    }

    /** Enrolls the registrar at the organization's Fabric CA; any failure leaves nothing behind. */
    private FabricCaIssuer enrollExternal(NewOrganization request, MspOrganization msp) {
        NewOrganization.ExternalCa external = request.externalCa();
        if (external == null) {
            throw DomainException.invalid("caMode External needs externalCa.",
                    List.of(new FieldError("body.externalCa", "must be given for caMode External")));
        }
        if (request.rootCa() != null) {
            throw DomainException.invalid("An organization on an external Fabric CA cannot import a root as well.",
                    List.of(new FieldError("body.rootCa", "must be absent for caMode External")));
        }
        java.security.cert.X509Certificate trust;
        try {
            List<java.security.cert.X509Certificate> certificates = Pem.certificates(external.tlsCertificate());
            if (certificates.isEmpty()) {
                throw new io.baas.pki.PemException("no certificate");
            }
            trust = certificates.get(certificates.size() - 1);
        } catch (io.baas.pki.PkiException | IllegalArgumentException e) {
            throw DomainException.invalid("The Fabric CA's TLS certificate could not be read.",
                    List.of(new FieldError("body.externalCa.tlsCertificate", "must be a PEM certificate")));
        }
        FabricCaConnection connection;
        try {
            connection = new FabricCaConnection(java.net.URI.create(external.url()), trust,
                    java.util.Optional.ofNullable(external.caName()), java.util.Optional.ofNullable(external.tlsCaName()),
                    external.affiliation());
        } catch (IllegalArgumentException | io.baas.pki.PkiException e) {
            throw DomainException.invalid("The Fabric CA's URL is not usable.",
                    List.of(new FieldError("body.externalCa.url", "must be https://host[:port]")));
        }
        try {
            return FabricCaIssuer.enrollRegistrar(connection, external.registrarId(), external.registrarSecret(), msp,
                    custody.fabricCaTimeout(), java.time.Clock.systemUTC());
        } catch (io.baas.pki.PkiException e) {
            LOG.warnf("Organization %s: enrolling registrar %s at %s failed: %s", request.name(), external.registrarId(),
                    external.url(), e.getMessage());
            throw ExternalCaErrors.atCreation(external.url(), e);
        }
    }

    public void delete(String workspace, String name) {
        Organization organization = get(workspace, name);
        List<String> using = consortiaWith(name);
        if (!using.isEmpty()) {
            throw DomainException.conflict("Organization " + name + " is a member of " + String.join(", ", using)
                    + "; leave those consortia first.");
        }
        // Marked deleted first (the finalizer holds it), so no reconciler pass makes new CAs for it;
        // then the keys; the finalizer last: a delete that fails halfway can be repeated, and the
        // reconciler finishes it too.
        client.resources(Organization.class).resource(organization).delete();
        deleteKeys(name);
        releaseFinalizer(name);
        LOG.infof("Deleted organization %s of workspace %s with its CAs and identities.", name, workspace);
    }

    /** Lets Kubernetes remove the organization once its keys are gone; the reconciler may be doing the same. */
    public void releaseFinalizer(String name) {
        for (int attempt = 1; ; attempt++) {
            Organization current = client.resources(Organization.class).withName(name).get();
            if (current == null || !current.getMetadata().getFinalizers().contains(FINALIZER)) {
                return;
            }
            current.getMetadata().getFinalizers().remove(FINALIZER);
            try {
                client.resources(Organization.class).resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                // 404: already gone; 409: changed meanwhile, look again.
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409 || attempt == STATUS_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static java.util.Optional<io.baas.pki.ImportedCa> importedRoot(NewOrganization request) {
        if (request.rootCa() == null) {
            return java.util.Optional.empty();
        }
        try {
            io.baas.pki.ImportedCa root = io.baas.pki.ImportedCa.fromPem(request.rootCa().certificate(), request.rootCa().privateKey());
            if (root.key().certificate().getBasicConstraints() < 0) {
                throw DomainException.invalid("The imported root is not a CA certificate.",
                        List.of(new FieldError("body.rootCa.certificate", "must be a CA certificate")));
            }
            return java.util.Optional.of(root);
        } catch (io.baas.pki.PkiException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // Never echo the input: it holds a private key.
            throw DomainException.invalid("The imported root CA could not be read.",
                    List.of(new FieldError("body.rootCa", "must be a PEM certificate chain and its matching PEM private key")));
        }
    }

}
