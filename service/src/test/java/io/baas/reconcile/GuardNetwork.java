package io.baas.reconcile;

import io.baas.chaincode.ChaincodePackageSource;
import io.baas.chaincode.ServerAddressTest;
import io.baas.chaincode.StoredChaincodePackage;
import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.crd.Storage;
import io.baas.k8s.Applier;
import io.baas.k8s.build.ChannelGenesisConfigMap;
import io.baas.k8s.build.PlatformSettings;
import io.baas.reconcile.runtime.GuardControllers;
import io.baas.reconcile.runtime.Passes;
import io.baas.runtime.KubernetesNodeRuntime;
import io.baas.support.TradeFinance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;

/**
 * A realistic network made by the real reconcilers, through the controllers (so with their Events),
 * against the mock API server: three organizations, LevelDB peers and a member-added CouchDB peer,
 * three TLS orderers, a channel and a chaincode with a private data collection and servers for
 * two organizations. {@link #objects()} is everything stored in the mock of the kinds the service
 * writes (those of ClusterAccess), so a schema guard can check each of them.
 */
public final class GuardNetwork implements AutoCloseable {

    /** The service's own defaults (not the tests' resource-free settings), with TLS on the nodes' operations endpoints. */
    static final PlatformSettings PLATFORM = serviceDefaults();
    public static final List<String> ORGANIZATIONS = List.of("bank-a", "bank-b", "port");

    private final MockCluster cluster;
    private final KubernetesClient client;
    private final GuardControllers controllers;
    /** Failures of passes (a pass waiting for nodes that do not run in a mock is one): what each said. */
    public final List<String> failures = new ArrayList<>();

    public GuardNetwork() {
        cluster = new MockCluster(Organization.class, Consortium.class, PeerNode.class, OrdererNode.class, Channel.class, Chaincode.class);
        client = cluster.client;
        // With the Prometheus Operator, so the nodes' ServiceMonitors and the TLS CA beside them are written and checked too.
        client.apiextensions().v1().customResourceDefinitions().resource(io.baas.support.MonitoringCrds.serviceMonitor()).create();
        ORGANIZATIONS.forEach(cluster::organization);
        Clock clock = Clock.systemUTC();
        Applier applier = new Applier(client);
        KubernetesNodeRuntime runtime = new KubernetesNodeRuntime(client, applier, PLATFORM);
        PeerNodeReconciler peers = new PeerNodeReconciler(client, runtime, PLATFORM, clock);
        OrdererNodeReconciler orderers = new OrdererNodeReconciler(client, runtime, PLATFORM, clock);
        ConsortiumReconciler consortia = new ConsortiumReconciler(client, applier, PLATFORM, clock);
        ChannelReconciler channels = new ChannelReconciler(client, runtime, PLATFORM, clock, new io.baas.support.RecordingKeyUseLog(),
                new io.baas.fabric.admin.OrdererAdminHttpClients(Duration.ofSeconds(5)));
        var notarization = ServerAddressTest.ccaas("notarization-1-0:9999", true);
        ChaincodePackageSource packages = (name, version) -> name.equals("notarization") && version.equals("1.0")
                ? Optional.of(new StoredChaincodePackage(notarization, Optional.empty())) : Optional.empty();
        ChaincodeReconciler chaincodes = new ChaincodeReconciler(client, applier, PLATFORM, clock, packages, Duration.ofDays(30));
        Map<Class<? extends HasMetadata>, Passes.Pass> passes = Map.of(
                Consortium.class, (namespace, name) -> consortia.reconcile(name),
                PeerNode.class, peers::reconcile,
                OrdererNode.class, orderers::reconcile,
                Channel.class, channels::reconcile,
                Chaincode.class, chaincodes::reconcile);
        controllers = new GuardControllers(passes, client);
    }

    private static PlatformSettings serviceDefaults() {
        return io.baas.k8s.build.PlatformSettingsProducer.from(io.baas.support.TestConfig.of(Map.of("baas.platform.operations-tls", "true")));
    }

    /** Declares the consortium, a CouchDB peer of bank-b's own, the channel and the chaincode. */
    public GuardNetwork declare() {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("trade");
        consortium.setSpec(new Consortium.Spec());
        int[] peers = {2, 1, 1};
        for (int i = 0; i < ORGANIZATIONS.size(); i++) {
            Consortium.Member member = new Consortium.Member(ORGANIZATIONS.get(i), "ws-" + ORGANIZATIONS.get(i));
            member.peers = peers[i];
            consortium.getSpec().members.add(member);
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        consortium.getSpec().orderingService = new Consortium.OrderingService();
        consortium.getSpec().orderingService.nodes = 3;
        client.resources(Consortium.class).resource(consortium).create();
        reconcile(Consortium.class);

        PeerNode ledger = new PeerNode();
        ledger.getMetadata().setName("ledger");
        ledger.getMetadata().setNamespace("trade-bank-b");
        ledger.setSpec(new PeerNode.Spec());
        ledger.getSpec().organization = "bank-b";
        ledger.getSpec().stateDatabase = StateDatabase.COUCHDB;
        ledger.getSpec().storage = new Storage();
        ledger.getSpec().storage.size = "5Gi";
        client.resources(PeerNode.class).resource(ledger).create();

        client.resources(Channel.class).resource(TradeFinance.channel("bank-a", "bank-b")).create();
        Chaincode chaincode = TradeFinance.chaincode("notarization", "notarization");
        chaincode.getSpec().collections = List.of(TradeFinance.collectionC1());
        client.resources(Chaincode.class).resource(chaincode).create();
        // The channel's genesis ConfigMap is written once its orderers run, which they never do in a mock:
        // the builder's own object stands in (its content does not matter to the schema).
        client.configMaps().resource(ChannelGenesisConfigMap.build("trade-bank-a", "trade", "trade-finance",
                Block.getDefaultInstance())).create();
        return this;
    }

    /** One controller call for every resource of each kind, consortium first. */
    public GuardNetwork pass() {
        reconcile(Consortium.class);
        reconcile(PeerNode.class);
        reconcile(OrdererNode.class);
        reconcile(Channel.class);
        reconcile(Chaincode.class);
        return this;
    }

    private <T extends HasMetadata> void reconcile(Class<T> kind) {
        for (T resource : client.resources(kind).inAnyNamespace().list().getItems()) {
            try {
                controllers.reconcile(resource);
            } catch (RuntimeException e) {
                failures.add(kind.getSimpleName() + " " + resource.getMetadata().getName() + ": " + e.getMessage());
                controllers.failed(resource, e);
            }
        }
    }

    /** A peer's new image and larger storage: the change a second pass must apply without touching immutable fields. */
    public GuardNetwork upgradePeer(String namespace, String name, String version, String size) {
        client.resources(PeerNode.class).inNamespace(namespace).withName(name).edit(peer -> {
            peer.getSpec().version = version;
            if (peer.getSpec().storage == null) {
                peer.getSpec().storage = new Storage();
            }
            peer.getSpec().storage.size = size;
            return peer;
        });
        return this;
    }

    /** Every object of every kind the service writes (ClusterAccess), as stored. */
    public List<HasMetadata> objects() {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.namespaces().list().getItems());
        all.addAll(client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
        all.addAll(client.secrets().inAnyNamespace().list().getItems());
        all.addAll(client.configMaps().inAnyNamespace().list().getItems());
        all.addAll(client.services().inAnyNamespace().list().getItems());
        all.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
        all.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
        all.addAll(client.persistentVolumeClaims().inAnyNamespace().list().getItems());
        all.addAll(client.v1().events().inAnyNamespace().list().getItems());
        all.addAll(client.resources(io.baas.k8s.ServiceMonitor.class).inAnyNamespace().list().getItems());
        for (Class<? extends HasMetadata> kind : io.baas.crd.BaasKinds.ALL) {
            all.addAll(client.resources(kind).inAnyNamespace().list().getItems());
        }
        return all;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
