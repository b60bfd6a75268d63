package io.baas.reconcile.runtime;

import io.baas.crd.Organization;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.concurrent.TimeUnit;

/** Organizations: their CAs, admin identities and custody. */
@ControllerConfiguration(name = "organizations", triggerReconcilerOnAllEvents = true, generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class OrganizationController extends PassReconciler<Organization> {

    OrganizationController(Passes passes) {
        super(passes, Organization.class);
    }
}
