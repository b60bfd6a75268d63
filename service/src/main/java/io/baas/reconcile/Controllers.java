package io.baas.reconcile;

import io.baas.config.BaasConfig;
import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.ChaincodePackageSources;
import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.organization.OrganizationCustody;
import io.baas.organization.OrganizationService;
import io.baas.crd.PeerNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import io.baas.k8s.Applier;
import io.baas.runtime.NodeRuntime;
import io.baas.fabric.admin.OrdererAdminHttpClients;
import io.baas.fabric.gateway.GatewayConnections;
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
 * Drives the reconcilers from informers, one object at a time per kind, retrying failures with
 * backoff. Only the replica holding the Lease {@code ks-baas-reconciler} reconciles, so two
 * replicas of the service never fight over the same objects.
 */
@Singleton
public class Controllers {

    private static final Logger LOG = Logger.getLogger(Controllers.class);
    static final String LEASE = "ks-baas-reconciler";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final BaasConfig config;
    private final List<Controlled<?>> kinds;
    private final String identity = "ks-baas-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private ScheduledExecutorService worker;
    private CompletableFuture<?> election;

    /** A kind and the pass that reconciles one object of it (namespace empty for cluster scope). */
    record Controlled<T extends HasMetadata>(Class<T> type, BiFunction<String, String, ReconcileResult> pass) {
    }

    /**
     * @param runtime where nodes run; its producer stops it at shutdown
     * @param gatewayConnections the reconcilers' connections to peers' Gateways (chaincode lifecycle)
     * @param ordererAdmins the clients of orderers' admin endpoints (channel joins)
     */
    Controllers(KubernetesClient client, BaasConfig config, PlatformSettings platform, NodeRuntime runtime,
                GatewayConnections gatewayConnections, OrdererAdminHttpClients ordererAdmins,
                jakarta.enterprise.inject.Instance<ChaincodePackageSource> packageSources,
                OrganizationService organizations, OrganizationCustody custody,
                io.baas.keyuse.KeyUseLog keyUses, io.baas.keyuse.Consents consents) {
        this.client = client;
        this.config = config;
        Applier applier = new Applier(client);
        ConsortiumReconciler consortia = new ConsortiumReconciler(client, applier, platform, Clock.systemUTC());
        PeerNodeReconciler peers = new PeerNodeReconciler(client, runtime, platform, Clock.systemUTC(),
                address -> gatewayConnections.evict(address.toString()));
        OrdererNodeReconciler orderers = new OrdererNodeReconciler(client, runtime, platform, Clock.systemUTC());
        OrganizationReconciler organizationReconciler = new OrganizationReconciler(client, organizations, custody, Clock.systemUTC());
        List<Controlled<?>> controlled = new ArrayList<>(List.of(
                new Controlled<>(Organization.class, (namespace, name) -> organizationReconciler.reconcile(name)),
                new Controlled<>(Consortium.class, (namespace, name) -> consortia.reconcile(name)),
                new Controlled<>(PeerNode.class, peers::reconcile),
                new Controlled<>(OrdererNode.class, orderers::reconcile),
                new Controlled<>(Channel.class, new ChannelReconciler(client, runtime, platform, Clock.systemUTC(), keyUses,
                        ordererAdmins)::reconcile)));
        List<ChaincodePackageSource> sources = packageSources.stream().toList();
        if (sources.isEmpty()) {
            LOG.warn("No chaincode package source is available: Chaincode resources are not reconciled.");
        } else {
            var lifecycle = new io.baas.fabric.lifecycle.LifecycleClient(new io.baas.fabric.gateway.FabricGateway(gatewayConnections,
                    io.baas.fabric.gateway.GatewaySettings.DEFAULTS), Duration.ofSeconds(30), Clock.systemUTC());
            ChaincodeReconciler chaincodes = new ChaincodeReconciler(client, applier, platform, Clock.systemUTC(),
                    new ChaincodePackageSources(sources), config.pki().renewalWindow(), runtime, lifecycle, consents, keyUses);
            controlled.add(new Controlled<>(Chaincode.class, chaincodes::reconcile));
        }
        this.kinds = List.copyOf(controlled);
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
        LOG.infof("This replica (%s) holds the reconciler Lease: reconciling.", identity);
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baas-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        kinds.forEach(this::watch);
    }

    private <T extends HasMetadata> void watch(Controlled<T> kind) {
        informers.add(client.resources(kind.type()).inAnyNamespace().inform(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                enqueue(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), Duration.ZERO);
            }

            @Override
            public void onUpdate(T before, T after) {
                enqueue(kind, after.getMetadata().getNamespace(), after.getMetadata().getName(), Duration.ZERO);
            }

            @Override
            public void onDelete(T object, boolean unknown) {
                failures.remove(key(kind, object.getMetadata().getNamespace(), object.getMetadata().getName()));
            }
        }, Duration.ofMinutes(10).toMillis()));
    }

    private synchronized void follow() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    private static String key(Controlled<?> kind, String namespace, String name) {
        return kind.type().getSimpleName() + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    private void enqueue(Controlled<?> kind, String namespace, String name, Duration delay) {
        ScheduledExecutorService current = worker;
        String key = key(kind, namespace, name);
        if (current != null && queued.add(key)) {
            current.schedule(() -> run(kind, namespace, name), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(Controlled<?> kind, String namespace, String name) {
        String key = key(kind, namespace, name);
        queued.remove(key);
        try {
            ReconcileResult result = kind.pass().apply(namespace == null ? "" : namespace, name);
            failures.remove(key);
            if (result.retryAfter() != null) {
                enqueue(kind, namespace, name, result.retryAfter());
            }
            if (result.writes() > 0) {
                event(kind, namespace, name, "Normal", result.deleted() ? "CleanedUp" : "Reconciled", "Applied " + result.outcomes() + ".");
            }
        } catch (RuntimeException e) {
            int attempt = failures.merge(key, 1, Integer::sum);
            Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempt, 8)));
            event(kind, namespace, name, "Warning", "ReconcileFailed", e.getMessage() + " Retrying in " + backoff + ".");
            enqueue(kind, namespace, name, backoff);
        }
    }

    /** Events of namespaced objects go to their namespace; those of cluster-scoped ones to the service's. */
    private void event(Controlled<?> kind, String namespace, String name, String type, String reason, String message) {
        String eventNamespace = namespace == null || namespace.isEmpty() ? config.kubernetes().namespace() : namespace;
        try {
            Instant now = Instant.now();
            client.v1().events().inNamespace(eventNamespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(name + ".").withNamespace(eventNamespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("baas.io/v1")
                            .withKind(HasMetadata.getKind(kind.type())).withNamespace(namespace).withName(name).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                    .withNewSource().withComponent("ks-baas").endSource()
                    .build()).create();
        } catch (RuntimeException e) {
            LOG.debugf("Could not record event %s for %s: %s", reason, name, e.getMessage());
        }
    }
}
