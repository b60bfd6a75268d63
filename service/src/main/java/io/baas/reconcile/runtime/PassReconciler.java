package io.baas.reconcile.runtime;

import io.baas.reconcile.ReconcileException;
import io.baas.reconcile.ReconcileResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;

/**
 * A kind's reconcile pass under the Java Operator SDK. The runtime owns the queue (one pass per
 * object at a time, kinds and objects in parallel), retries with back-off, leader election and the
 * informers; the pass keeps its own finalizers and status, so the controllers are configured to be
 * called on every event (deletions included) and never update the resource themselves.
 */
abstract class PassReconciler<T extends HasMetadata> implements Reconciler<T> {

    private final String name;
    private final Passes.Pass pass;
    private final ReconcileEvents events;

    PassReconciler(Passes passes, Class<T> kind) {
        this.name = HasMetadata.getPlural(kind);
        this.pass = passes.of(kind);
        this.events = passes.events();
    }

    /** The controller's name: the kind's plural, as in metrics and logs. */
    String name() {
        return name;
    }

    @Override
    public UpdateControl<T> reconcile(T resource, Context<T> context) {
        ReconcileResult result = pass.run(Objects.requireNonNullElse(resource.getMetadata().getNamespace(), ""),
                resource.getMetadata().getName());
        if (result.writes() > 0) {
            events.record(resource, "Normal", result.deleted() ? "CleanedUp" : "Reconciled", "Applied " + result.outcomes() + ".");
        }
        UpdateControl<T> control = UpdateControl.noUpdate();
        return result.retryAfter() == null ? control : control.rescheduleAfter(result.retryAfter());
    }

    /**
     * Says why in an Event (with the step that failed, as the Degraded condition does), then lets the
     * runtime retry with back-off (with no limit: see the retry settings).
     */
    @Override
    public ErrorStatusUpdateControl<T> updateErrorStatus(T resource, Context<T> context, Exception e) {
        int attempt = context.getRetryInfo().map(info -> info.getAttemptCount()).orElse(0) + 1;
        String why = e instanceof ReconcileException failure ? failure.describe() : e.getMessage();
        events.record(resource, "Warning", "ReconcileFailed", why + " Retrying (attempt " + attempt + " failed).");
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
}
