package io.baas.reconcile.runtime;

import io.baas.config.BaasConfig;
import io.baas.k8s.KubernetesMode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The controller runtime: the Java Operator SDK with one controller per kind, started when
 * reconciling is enabled ({@code baas.reconcile.enabled}) and stopped first at shutdown. It owns the
 * queues (one pass per object at a time; kinds and objects in parallel), retries with back-off, the
 * informers of the custom resources and of what the passes write, and leader election: only the
 * replica holding the Lease {@value #LEASE} reconciles, and one that loses it ends (Kubernetes
 * restarts it and it campaigns again).
 */
@Singleton
public class ReconcilerRuntime {

    private static final Logger LOG = Logger.getLogger(ReconcilerRuntime.class);
    public static final String LEASE = "ks-baas-reconciler";

    private final BaasConfig config;
    private final KubernetesClient client;
    private final Instance<Passes> passes;
    private final KubernetesMode mode;
    private Operator operator;
    private Thread starting;
    /** Set first at shutdown: leadership that ends then is given up, not lost. */
    private volatile boolean stopping;

    ReconcilerRuntime(BaasConfig config, KubernetesClient client, Instance<Passes> passes, KubernetesMode mode) {
        this.config = config;
        this.client = client;
        this.passes = passes;
        this.mode = mode;
    }

    /**
     * Starts the runtime beside the HTTP server rather than before it: the informers' first lists and
     * the first campaign take a while, and serving the API does not wait for them. A runtime that
     * cannot start ends the process, as a failed start would.
     */
    synchronized void start(@Observes @Priority(40) StartupEvent event) {
        if (!config.reconcile().enabled()) {
            LOG.info("Reconcilers are disabled (baas.reconcile.enabled=false).");
            return;
        }
        starting = new Thread(this::startInBackground, "baas-reconciler-start");
        starting.start();
    }

    /** Builds the passes (node runtime, Fabric clients) and the controllers, then starts them. */
    private void startInBackground() {
        try {
            mode.ready().join(); // the informers need the CRDs (the embedded API gets them with its seed)
            BaasConfig.Reconcile settings = config.reconcile();
            Operator created = operator(client, settings, leaderElection(config.kubernetes().namespace(), settings, this::leadershipEnded));
            controllers(passes.get()).forEach(controller -> register(created, controller, settings.resync(), retry(settings)));
            synchronized (this) {
                if (stopping) {
                    return;
                }
                operator = created;
            }
            created.start();
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("The controller runtime did not start; ending.", e);
                Quarkus.asyncExit(1);
            }
        }
    }

    /** Before the node runtime and the connections to nodes close, so no pass runs against them. */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        Thread start;
        synchronized (this) {
            stopping = true;
            start = starting;
        }
        if (start != null) {
            start.join(); // a start under way finishes (its informers' first lists), then everything stops
        }
        stopOperator();
    }

    private synchronized void stopOperator() {
        if (operator != null) {
            operator.stop();
            // The SDK (5.3.2) leaves its scheduled executor (informer cache checks) running after stop.
            operator.getConfigurationService().getExecutorServiceManager().scheduledExecutorService().shutdownNow();
            operator = null;
        }
    }

    /**
     * The Lease was lost (another holder, or renewals failed past the deadline): end the process with
     * code 1, through Quarkus's own shutdown, so Kubernetes restarts the pod and it campaigns again.
     * The SDK's own exit (System.exit on its election thread) is not used: it holds the elector's
     * lock while the shutdown it starts waits for that lock, and it also fires on a normal stop.
     */
    private void leadershipEnded() {
        if (stopping) {
            return;
        }
        if (config.reconcile().exitOnLostLease()) {
            LOG.error("This replica lost the reconciler Lease: ending with exit code 1 so that it is restarted.");
            Quarkus.asyncExit(1);
        } else {
            LOG.warn("This replica lost the reconciler Lease and does not reconcile until restarted (baas.reconcile.exit-on-lost-lease=false).");
        }
    }

    /**
     * One policy for every controller: called on every event, deletions included (each pass keeps
     * its own finalizer and status), for status-only changes too (no generation filter), at least
     * every {@code resync}, retried with the given back-off.
     */
    static <P extends HasMetadata> void register(Operator operator, PassReconciler<P> controller, Duration resync, Retry retry) {
        operator.register(controller, settings -> settings.withName(controller.name())
                .withTriggerReconcilerOnAllEvents(true)
                .withGenerationAware(false)
                .withReconciliationMaxInterval(resync)
                .withRetry(retry));
    }

    /** Retries without limit, from retry-initial doubling up to retry-max. */
    static Retry retry(BaasConfig.Reconcile settings) {
        return new GenericRetry().setInitialInterval(settings.retryInitial().toMillis()).setIntervalMultiplier(2)
                .setMaxInterval(settings.retryMax().toMillis()).setMaxAttempts(-1);
    }

    static List<PassReconciler<?>> controllers(Passes passes) {
        return List.of(new OrganizationController(passes), new ConsortiumController(passes), new PeerNodeController(passes),
                new OrdererNodeController(passes), new ChannelController(passes), new ChaincodeController(passes));
    }

    /**
     * The SDK over the service's own client (never closed by it), with no server-side apply: the
     * passes write their objects and status themselves, and the SDK never patches a resource.
     */
    static Operator operator(KubernetesClient client, BaasConfig.Reconcile reconcile, LeaderElectionConfiguration leaderElection) {
        return new Operator(settings -> settings
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withLeaderElectionConfiguration(leaderElection)
                // Passes of different objects run side by side: a slow Fabric call holds up only its own object.
                .withConcurrentReconciliationThreads(reconcile.threads())
                // At shutdown, passes under way finish before the node runtime and connections close.
                .withReconciliationTerminationTimeout(reconcile.shutdownGrace())
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withStopOnInformerErrorDuringStartup(true));
    }

    static LeaderElectionConfiguration leaderElection(String namespace, BaasConfig.Reconcile reconcile, Runnable whenLost) {
        LeaderElectionConfigurationBuilder lease = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
                .withLeaseNamespace(namespace)
                .withLeaderCallbacks(new LeaderCallbacks(() -> LOG.info("This replica holds the reconciler Lease: reconciling."),
                        whenLost, leader -> { }))
                .withLeaseDuration(reconcile.leaseDuration())
                .withRenewDeadline(reconcile.leaseRenewDeadline())
                .withRetryPeriod(reconcile.leaseRetryPeriod());
        // Never the SDK's own exit (see leadershipEnded); 5.3.2 names the way to say so buildForTest.
        return lease.buildForTest(false);
    }
}
