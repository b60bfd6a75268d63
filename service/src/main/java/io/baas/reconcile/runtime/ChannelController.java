package io.baas.reconcile.runtime;

import io.baas.crd.Channel;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.concurrent.TimeUnit;

/** Channels: genesis, orderer and peer joins, config updates. */
@ControllerConfiguration(name = "channels", triggerReconcilerOnAllEvents = true, generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2, maxInterval = 300_000)
public class ChannelController extends PassReconciler<Channel> {

    ChannelController(Passes passes) {
        super(passes, Channel.class);
    }
}
