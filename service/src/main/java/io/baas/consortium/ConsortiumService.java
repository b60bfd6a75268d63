package io.baas.consortium;

import io.baas.crd.Consortium;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads consortia; which ones a caller may see is decided by the workspace it asks about. */
@ApplicationScoped
public class ConsortiumService {

    private final KubernetesClient client;

    ConsortiumService(KubernetesClient client) {
        this.client = client;
    }

    public List<Consortium> all() {
        return client.resources(Consortium.class).list().getItems();
    }

    /** The consortia that the workspace leads or belongs to, through the organizations it owns. */
    public List<Consortium> involving(String workspace) {
        return all().stream().filter(c -> c.involvesWorkspace(workspace)).toList();
    }
}
