package io.baas.reconcile;

import io.baas.config.BaasConfig;
import io.baas.crd.Consortium;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drives the {@link ConsortiumReconciler} from an informer, one consortium at a time, retrying
 * failures with backoff. Only the replica holding the Lease {@code ks-baas-reconciler} reconciles,
 * so two replicas of the service never fight over the same objects.
 */
@Singleton
public class ConsortiumController {

    private static final Logger LOG = Logger.getLogger(ConsortiumController.class);
    static final String LEASE = "ks-baas-reconciler";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final BaasConfig config;
    private final ConsortiumReconciler reconciler;
    private final String identity = "ks-baas-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private ScheduledExecutorService worker;
    private SharedIndexInformer<Consortium> informer;
    private CompletableFuture<?> election;

    ConsortiumController(KubernetesClient client, BaasConfig config, PlatformSettings platform) {
        this.client = client;
        this.config = config;
        this.reconciler = new ConsortiumReconciler(client, new Applier(client), platform, Clock.systemUTC());
    }

    void start(@Observes @Priority(40) StartupEvent event) {
        if (!config.reconcile().enabled()) {
            LOG.info("Reconcilers are disabled (baas.reconcile.enabled=false).");
            return;
        }
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName(LEASE)
                        .withLock(new LeaseLock(config.kubernetes().namespace(), LEASE, identity))
                        .withLeaseDuration(Duration.ofSeconds(15))
                        .withRenewDeadline(Duration.ofSeconds(10))
                        .withRetryPeriod(Duration.ofSeconds(2))
                        .withLeaderCallbacks(new LeaderCallbacks(this::lead, this::follow,
                                leader -> LOG.infof("Reconciler leader is now %s (this replica: %s).", leader, identity)))
                        .withReleaseOnCancel(true)
                        .build())
                .build().start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (election != null) {
            election.cancel(true);
        }
        follow();
    }

    private synchronized void lead() {
        LOG.infof("This replica (%s) holds the reconciler Lease: reconciling consortia.", identity);
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baas-consortium-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        informer = client.resources(Consortium.class).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Consortium consortium) {
                enqueue(consortium.getMetadata().getName(), Duration.ZERO);
            }

            @Override
            public void onUpdate(Consortium before, Consortium after) {
                enqueue(after.getMetadata().getName(), Duration.ZERO);
            }

            @Override
            public void onDelete(Consortium consortium, boolean unknown) {
                failures.remove(consortium.getMetadata().getName());
            }
        }, Duration.ofMinutes(10).toMillis());
    }

    private synchronized void follow() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    private void enqueue(String name, Duration delay) {
        ScheduledExecutorService current = worker;
        if (current != null && queued.add(name)) {
            current.schedule(() -> run(name), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String name) {
        queued.remove(name);
        try {
            ConsortiumReconciler.Result result = reconciler.reconcile(name);
            failures.remove(name);
            if (result.writes() > 0) {
                event(name, "Normal", result.deleted() ? "CleanedUp" : "Reconciled", "Applied " + result.outcomes() + ".");
            }
        } catch (RuntimeException e) {
            int attempt = failures.merge(name, 1, Integer::sum);
            Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempt, 8)));
            event(name, "Warning", "ReconcileFailed", e.getMessage() + " Retrying in " + backoff + ".");
            enqueue(name, backoff);
        }
    }

    /** Events of cluster-scoped consortia are kept in the service's namespace. */
    private void event(String consortium, String type, String reason, String message) {
        try {
            Instant now = Instant.now();
            client.v1().events().inNamespace(config.kubernetes().namespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(consortium + ".").withNamespace(config.kubernetes().namespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("baas.io/v1").withKind("Consortium")
                            .withName(consortium).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                    .withNewSource().withComponent("ks-baas").endSource()
                    .build()).create();
        } catch (RuntimeException e) {
            LOG.debugf("Could not record event %s for %s: %s", reason, consortium, e.getMessage());
        }
    }
}
