package io.baas.consortium;

import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Which consortium and organization a namespace belongs to: the consortium that recorded it in its
 * status (the record of the namespaces it made), never the namespace's labels, which a project
 * admin could change.
 */
@ApplicationScoped
public class NamespaceOwners {

    private final KubernetesClient client;

    NamespaceOwners(KubernetesClient client) {
        this.client = client;
    }

    /**
     * An organization's namespace in a consortium.
     *
     * @param workspace the workspace that owns the organization (and so the namespace), as the Organization says
     */
    public record Owner(String namespace, Consortium consortium, String organization, String workspace) {
    }

    public Optional<Owner> of(String namespace) {
        for (Consortium consortium : client.resources(Consortium.class).list().getItems()) {
            Map<String, String> recorded = consortium.getStatus() == null ? null : consortium.getStatus().namespaces;
            if (recorded == null) {
                continue;
            }
            for (Map.Entry<String, String> entry : recorded.entrySet()) {
                if (namespace.equals(entry.getValue())) {
                    Organization organization = client.resources(Organization.class).withName(entry.getKey()).get();
                    String workspace = organization == null || organization.getSpec() == null ? null : organization.getSpec().workspace;
                    return Optional.of(new Owner(namespace, consortium, entry.getKey(), workspace));
                }
            }
        }
        return Optional.empty();
    }

    /** The owner, or 404: a namespace no consortium made is none of the service's business. */
    public Owner require(String namespace) {
        return of(namespace).orElseThrow(() -> DomainException.notFound("Namespace " + namespace
                + " is not an organization's namespace in a consortium."));
    }
}
