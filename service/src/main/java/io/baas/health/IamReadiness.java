package io.baas.health;

import io.baas.iam.kubesphere.KubeSphereIam;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once KubeSphere's users, roles and bindings are cached: before that, every call would be refused. */
@Readiness
@ApplicationScoped
public class IamReadiness implements HealthCheck {

    private final KubeSphereIam iam;

    IamReadiness(KubeSphereIam iam) {
        this.iam = iam;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kubesphere-iam");
        if (iam.version() != null) {
            response.withData("kubesphereVersion", iam.version().name());
        }
        return (iam.synced() ? response.up() : response.down()).build();
    }
}
