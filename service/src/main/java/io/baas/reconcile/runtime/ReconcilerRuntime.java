package io.baas.reconcile.runtime;

import io.baas.config.BaasConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
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
    /** Passes of different objects run side by side; a slow Fabric call holds up only its own object. */
    static final int THREADS = 8;
    /** A pass's Fabric calls give up after 30 s; a stopping service waits that long for them. */
    static final Duration PASSES_FINISH = Duration.ofSeconds(35);

    private final BaasConfig config;
    private final KubernetesClient client;
    private final Passes passes;
    private Operator operator;
    /** Set when the Lease is lost: the SDK is then ending the process from its election thread. */
    private final java.util.concurrent.atomic.AtomicBoolean leaseLost = new java.util.concurrent.atomic.AtomicBoolean();

    ReconcilerRuntime(BaasConfig config, KubernetesClient client, Passes passes) {
        this.config = config;
        this.client = client;
        this.passes = passes;
    }

    void start(@Observes @Priority(40) StartupEvent event) {
        if (!config.reconcile().enabled()) {
            LOG.info("Reconcilers are disabled (baas.reconcile.enabled=false).");
            return;
        }
        operator = operator(client, leaderElection(config.kubernetes().namespace(), config.reconcile().exitOnLostLease(),
                () -> leaseLost.set(true)));
        controllers(passes).forEach(operator::register);
        operator.start();
    }

    /** Before the node runtime and the connections to nodes close, so no pass runs against them. */
    synchronized void stop(@Observes @Priority(1) ShutdownEvent event) {
        if (operator != null && leaseLost.get() && config.reconcile().exitOnLostLease()) {
            // Stopping the SDK now would wait for the election thread, which holds its lock while it
            // waits in System.exit for this very shutdown: a deadlock. The process is ending anyway.
            LOG.warn("The reconciler Lease was lost: ending without stopping the controllers.");
            operator = null;
        }
        if (operator != null) {
            operator.stop();
            // The SDK (5.3.2) leaves its scheduled executor (informer cache checks) running after stop.
            operator.getConfigurationService().getExecutorServiceManager().scheduledExecutorService().shutdownNow();
            operator = null;
        }
    }

    static List<PassReconciler<?>> controllers(Passes passes) {
        return List.of(new OrganizationController(passes), new ConsortiumController(passes), new PeerNodeController(passes),
                new OrdererNodeController(passes), new ChannelController(passes), new ChaincodeController(passes));
    }

    /**
     * The SDK over the service's own client (never closed by it), with no server-side apply: the
     * passes write their objects and status themselves, and the SDK never patches a resource.
     */
    static Operator operator(KubernetesClient client, LeaderElectionConfiguration leaderElection) {
        return new Operator(settings -> settings
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withLeaderElectionConfiguration(leaderElection)
                .withConcurrentReconciliationThreads(THREADS)
                // At shutdown, passes under way finish before the node runtime and connections close.
                .withReconciliationTerminationTimeout(PASSES_FINISH)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withStopOnInformerErrorDuringStartup(true));
    }

    static LeaderElectionConfiguration leaderElection(String namespace, boolean exitOnLostLease, Runnable whenLost) {
        LeaderElectionConfigurationBuilder lease = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
                .withLeaseNamespace(namespace)
                .withLeaderCallbacks(new LeaderCallbacks(() -> LOG.info("This replica holds the reconciler Lease: reconciling."),
                        whenLost, leader -> { }))
                .withLeaseDuration(Duration.ofSeconds(15))
                .withRenewDeadline(Duration.ofSeconds(10))
                .withRetryPeriod(Duration.ofSeconds(2));
        // The SDK 5.3.2's build() passes exitOnStopLeading=false despite its javadoc; buildForTest(flag) is
        // the one way to say it. A service exits (Kubernetes restarts it) unless told otherwise.
        return lease.buildForTest(exitOnLostLease);
    }
}
