package io.baas.organization;

import io.baas.api.ApiException;
import io.baas.crd.BaasResource;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
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

    private final KubernetesClient client;
    private final OrganizationCustody custody;
    private final IdentityService identities;

    OrganizationService(KubernetesClient client, OrganizationCustody custody, IdentityService identities) {
        this.client = client;
        this.custody = custody;
        this.identities = identities;
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
            throw ApiException.notFound("Organization " + name + " does not exist in workspace " + workspace + ".");
        }
        return organization;
    }

    public Organization create(String workspace, NewOrganization request) {
        if (client.resources(Organization.class).withName(request.name()).get() != null) {
            throw ApiException.conflict("An organization named " + request.name() + " already exists.");
        }
        boolean mspTaken = client.resources(Organization.class).list().getItems().stream()
                .anyMatch(o -> o.getSpec() != null && request.mspId().equals(o.getSpec().mspId));
        if (mspTaken) {
            throw ApiException.conflict("The MSP ID " + request.mspId() + " is already used by another organization.");
        }
        String domain = request.domain() == null || request.domain().isBlank()
                ? request.name() + "." + workspace + ".baas" : request.domain();
        MspOrganization msp = new MspOrganization(request.mspId(), domain);
        OrganizationCustody.CreatedCas created = custody.createOrReuse(request.name(), msp, importedRoot(request));
        try {
            Organization organization = new Organization();
            organization.getMetadata().setName(request.name());
            organization.getMetadata().setLabels(java.util.Map.of(BaasResource.WORKSPACE_LABEL, workspace,
                    "app.kubernetes.io/managed-by", "ks-baas"));
            Organization.Spec spec = new Organization.Spec();
            spec.workspace = workspace;
            spec.mspId = request.mspId();
            spec.domain = domain;
            spec.displayName = request.displayName();
            organization.setSpec(spec);
            organization.setStatus(status(created.cas()));
            Organization stored = client.resources(Organization.class).resource(organization).create();
            stored.setStatus(status(created.cas()));
            return client.resources(Organization.class).resource(stored).updateStatus();
        } catch (KubernetesClientException e) {
            if (created.createdNow()) {
                // Leave nothing behind that a retry could not explain.
                custody.deleteCas(request.name());
            }
            if (e.getCode() == 409) {
                throw ApiException.conflict("An organization named " + request.name() + " already exists.");
            }
            throw e;
        }
    }

    public void delete(String workspace, String name) {
        Organization organization = get(workspace, name);
        List<String> using = client.resources(Consortium.class).list().getItems().stream()
                .filter(c -> c.getSpec() != null && c.getSpec().members != null
                        && c.getSpec().members.stream().anyMatch(m -> name.equals(m.organization)))
                .map(c -> c.getMetadata().getName())
                .toList();
        if (!using.isEmpty()) {
            throw ApiException.conflict("Organization " + name + " is a member of " + String.join(", ", using)
                    + "; leave those consortia first.");
        }
        // Keys first, the Organization last: a delete that fails halfway can simply be repeated.
        identities.deleteAll(name);
        custody.deleteCas(name);
        client.resources(Organization.class).resource(organization).delete();
        LOG.infof("Deleted organization %s of workspace %s with its CAs and identities.", name, workspace);
    }

    private static java.util.Optional<io.baas.pki.ImportedCa> importedRoot(NewOrganization request) {
        if (request.rootCa() == null) {
            return java.util.Optional.empty();
        }
        try {
            io.baas.pki.ImportedCa root = io.baas.pki.ImportedCa.fromPem(request.rootCa().certificate(), request.rootCa().privateKey());
            if (root.key().certificate().getBasicConstraints() < 0) {
                throw ApiException.badRequest("The imported root is not a CA certificate.",
                        List.of(new io.baas.api.ApiError.FieldError("body.rootCa.certificate", "must be a CA certificate")));
            }
            return java.util.Optional.of(root);
        } catch (io.baas.pki.PkiException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // Never echo the input: it holds a private key.
            throw ApiException.badRequest("The imported root CA could not be read.",
                    List.of(new io.baas.api.ApiError.FieldError("body.rootCa", "must be a PEM certificate chain and its matching PEM private key")));
        }
    }

    private static Organization.Status status(OrganizationCas cas) {
        Organization.Status status = new Organization.Status();
        status.phase = "Ready";
        status.caCertificate = Pem.encode(cas.signingCa().chain());
        status.tlsCaCertificate = Pem.encode(cas.tlsCa().chain());
        status.caNotAfter = cas.signingCa().certificate().getNotAfter().toInstant().toString();
        return status;
    }
}
