package io.baas.reconcile.runtime;

import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.ChaincodePackageSources;
import io.baas.config.BaasConfig;
import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.OrdererAdminHttpClients;
import io.baas.fabric.gateway.FabricGateway;
import io.baas.fabric.gateway.GatewayConnections;
import io.baas.fabric.lifecycle.LifecycleClient;
import io.baas.k8s.Applier;
import io.baas.k8s.build.NodeMonitoring;
import io.baas.k8s.build.PlatformSettings;
import io.baas.keyuse.Consents;
import io.baas.keyuse.KeyUseLog;
import io.baas.organization.OrganizationCustody;
import io.baas.organization.OrganizationService;
import io.baas.reconcile.ChaincodeReconciler;
import io.baas.reconcile.ChannelReconciler;
import io.baas.reconcile.ConsortiumReconciler;
import io.baas.reconcile.OrdererNodeReconciler;
import io.baas.reconcile.OrganizationReconciler;
import io.baas.reconcile.PeerNodeReconciler;
import io.baas.reconcile.ReconcileResult;
import io.baas.reconcile.ReconcileTimings;
import io.baas.runtime.NodeRuntime;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The reconcile pass of each kind, built once from the service's beans: what the controller
 * runtime calls for one object, by namespace ({@code ""} for cluster scope) and name.
 */
@Singleton
public class Passes {

    private static final Logger LOG = Logger.getLogger(Passes.class);

    /** One pass over one object; it reads the object itself, so a deleted one is a no-op. */
    @FunctionalInterface
    public interface Pass {
        ReconcileResult run(String namespace, String name);
    }

    private final Map<Class<? extends HasMetadata>, Pass> passes;
    private final ReconcileEvents events;

    @Inject
    Passes(KubernetesClient client, BaasConfig config, PlatformSettings platform, NodeRuntime runtime,
           GatewayConnections gatewayConnections, OrdererAdminHttpClients ordererAdmins,
           Instance<ChaincodePackageSource> packageSources, OrganizationService organizations, OrganizationCustody custody,
           KeyUseLog keyUses, Consents consents) {
        Clock clock = Clock.systemUTC();
        Applier applier = new Applier(client);
        ReconcileTimings timings = ReconcileTimings.of(config);
        OrganizationReconciler organizationReconciler = new OrganizationReconciler(client, organizations, custody, clock, timings);
        ConsortiumReconciler consortia = new ConsortiumReconciler(client, applier, platform, NodeMonitoring.from(config), runtime::unavailable,
                clock);
        PeerNodeReconciler peers = new PeerNodeReconciler(client, runtime, platform, clock,
                address -> gatewayConnections.evict(address.toString()), timings);
        OrdererNodeReconciler orderers = new OrdererNodeReconciler(client, runtime, platform, clock, timings);
        ChannelReconciler channels = new ChannelReconciler(client, runtime, platform, clock, keyUses, ordererAdmins, timings);
        this.passes = Map.of(
                Organization.class, (namespace, name) -> organizationReconciler.reconcile(name),
                Consortium.class, (namespace, name) -> consortia.reconcile(name),
                PeerNode.class, peers::reconcile,
                OrdererNode.class, orderers::reconcile,
                Channel.class, channels::reconcile,
                Chaincode.class, chaincodes(client, config, platform, runtime, gatewayConnections, packageSources, applier,
                        keyUses, consents, clock, timings));
        this.events = new ReconcileEvents(client, clock);
    }

    /** Given passes (tests), events through the client. */
    Passes(Map<Class<? extends HasMetadata>, Pass> passes, KubernetesClient client) {
        this.passes = Map.copyOf(passes);
        this.events = new ReconcileEvents(client, Clock.systemUTC());
    }

    private static Pass chaincodes(KubernetesClient client, BaasConfig config, PlatformSettings platform, NodeRuntime runtime,
                                   GatewayConnections gatewayConnections, Instance<ChaincodePackageSource> packageSources,
                                   Applier applier, KeyUseLog keyUses, Consents consents, Clock clock, ReconcileTimings timings) {
        List<ChaincodePackageSource> sources = packageSources.stream().toList();
        if (sources.isEmpty()) {
            LOG.warn("No chaincode package source is available: Chaincode resources are not reconciled.");
            return (namespace, name) -> new ReconcileResult(Map.of(), false);
        }
        LifecycleClient lifecycle = new LifecycleClient(new FabricGateway(gatewayConnections, ReconcileTimings.gateway(config.gateway())),
                timings.lifecycleCall(), clock);
        ChaincodeReconciler chaincodes = new ChaincodeReconciler(client, applier, platform, clock, new ChaincodePackageSources(sources),
                config.pki().renewalWindow(), runtime, lifecycle, consents, keyUses, timings);
        return chaincodes::reconcile;
    }

    Pass of(Class<? extends HasMetadata> kind) {
        return Optional.ofNullable(passes.get(kind)).orElseThrow(() -> new IllegalArgumentException("no pass for " + kind));
    }

    ReconcileEvents events() {
        return events;
    }
}
