package io.baas.consortium;

import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.k8s.ClusterWatches;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which consortium and organization a namespace belongs to: the consortium that recorded it in its
 * status (the record of the namespaces it made), never the namespace's labels, which a project
 * admin could change.
 */
@ApplicationScoped
public class NamespaceOwners {

    private final KubernetesClient client;
    private final ClusterWatches watches;

    NamespaceOwners(KubernetesClient client, ClusterWatches watches) {
        this.client = client;
        this.watches = watches;
    }

    /**
     * An organization's namespace in a consortium.
     *
     * @param workspace the workspace that owns the organization (and so the namespace), as the Organization says
     */
    public record Owner(String namespace, Consortium consortium, String organization, String workspace) {
    }

    /** The owner as the cluster says it now. */
    public Optional<Owner> of(String namespace) {
        return find(namespace, client.resources(Consortium.class).list().getItems(),
                name -> Optional.ofNullable(client.resources(Organization.class).withName(name).get()));
    }

    /**
     * The owner as the service's watches last saw it, for attributing a record (audit, key use) on
     * every request without asking the API server each time; a namespace they do not know yet is
     * looked up as {@link #of} does. An owner changed a moment ago may still be named as it was.
     */
    public Optional<Owner> recent(String namespace) {
        Optional<Owner> seen = find(namespace, watches.consortia().list(), watches.organizations()::get);
        return seen.isPresent() ? seen : of(namespace);
    }

    private static Optional<Owner> find(String namespace, List<Consortium> consortia, Function<String, Optional<Organization>> organizations) {
        for (Consortium consortium : consortia) {
            Map<String, String> recorded = consortium.getStatus() == null ? null : consortium.getStatus().namespaces;
            if (recorded == null) {
                continue;
            }
            for (Map.Entry<String, String> entry : recorded.entrySet()) {
                if (namespace.equals(entry.getValue())) {
                    String workspace = organizations.apply(entry.getKey()).map(o -> o.getSpec() == null ? null : o.getSpec().workspace)
                            .orElse(null);
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
