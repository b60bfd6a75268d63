package io.baas.support;

import io.baas.crd.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.Predicate;

/** Organizations as the running reconciler leaves them: the API writes the resource, the reconciler its status. */
public final class ReconciledOrganizations {

    /** Generous: the pass starts on the create event; the bound only guards against a reconciler that never runs. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private ReconciledOrganizations() {
    }

    /** The organization once its status is Ready with its CA certificates. */
    public static Organization ready(KubernetesClient client, String name) {
        return once(client, name, o -> o.getStatus() != null && o.getStatus().phase == Organization.Status.Phase.READY
                && o.getStatus().caCertificate != null);
    }

    /** The organization once the condition holds for its stored version. */
    public static Organization once(KubernetesClient client, String name, Predicate<Organization> condition) {
        KubeSphereFixtures.await(() -> {
            Organization stored = client.resources(Organization.class).withName(name).get();
            return stored != null && condition.test(stored);
        }, BOUND);
        return client.resources(Organization.class).withName(name).get();
    }
}
