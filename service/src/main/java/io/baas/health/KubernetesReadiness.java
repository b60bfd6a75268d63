package io.baas.health;

import io.baas.k8s.KubernetesMode;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kubernetes API answers a cheap list. */
@Readiness
@ApplicationScoped
public class KubernetesReadiness implements HealthCheck {

    private final KubernetesClient client;
    private final KubernetesMode mode;

    KubernetesReadiness(KubernetesClient client, KubernetesMode mode) {
        this.client = client;
        this.mode = mode;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kubernetes-api")
                .withData("url", client.getMasterUrl().toString())
                .withData("embedded", mode.embedded());
        if (!mode.ready().isDone()) {
            return response.down().withData("seed", "in progress").build();
        }
        if (mode.ready().isCompletedExceptionally()) {
            return response.down().withData("error", "seeding the embedded API failed (see the log)").build();
        }
        try {
            client.namespaces().list(new ListOptionsBuilder().withLimit(1L).build());
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
