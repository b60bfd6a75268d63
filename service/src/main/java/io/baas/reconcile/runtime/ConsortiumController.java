package io.baas.reconcile.runtime;

import io.baas.crd.Consortium;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.concurrent.TimeUnit;

/** Consortia: their namespaces, isolation policies and declared nodes. */
@ControllerConfiguration(name = "consortia", triggerReconcilerOnAllEvents = true, generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class ConsortiumController extends PassReconciler<Consortium> {

    ConsortiumController(Passes passes) {
        super(passes, Consortium.class);
    }
}
