package io.baas.k8s;

import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The watched copies of the cluster-scoped resources that every request's attribution reads. */
@ApplicationScoped
public class ClusterWatches {

    private final WatchedResources<Organization> organizations;
    private final WatchedResources<Consortium> consortia;

    ClusterWatches(KubernetesClient client) {
        this.organizations = new WatchedResources<>(client, Organization.class);
        this.consortia = new WatchedResources<>(client, Consortium.class);
    }

    public WatchedResources<Organization> organizations() {
        return organizations;
    }

    public WatchedResources<Consortium> consortia() {
        return consortia;
    }

    @PreDestroy
    void close() {
        organizations.close();
        consortia.close();
    }
}
