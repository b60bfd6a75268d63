package io.baas.reconcile;

import io.baas.k8s.Applier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** An applier that writes this many objects and then fails, as a process that dies halfway through a pass. */
final class DyingApplier extends Applier {

    private final AtomicInteger budget;
    private final int objects;

    DyingApplier(KubernetesClient client, int objects) {
        super(client);
        this.objects = objects;
        this.budget = new AtomicInteger(objects);
    }

    @Override
    public <T extends HasMetadata> Outcome apply(T desired, Predicate<HasMetadata> ours) {
        spend();
        return super.apply(desired, ours);
    }

    @Override
    public <T extends HasMetadata> Outcome create(T desired) {
        spend();
        return super.create(desired);
    }

    private void spend() {
        if (budget.getAndDecrement() <= 0) {
            throw new IllegalStateException("injected failure after " + objects + " objects");
        }
    }
}
