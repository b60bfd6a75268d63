package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Condition;
import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.crd.Storage;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PlatformSettings;
import io.baas.runtime.KubernetesNodeRuntime;
import io.baas.support.ConsortiumFixtures;
import io.baas.support.TestPlatform;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.time.Clock;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node's storage once its StatefulSet exists, against a mock server that refuses changed claim
 * templates as a real API server does: other changes still go through, claims grow where their
 * StorageClass allows, and what cannot change is in the node's status.
 */
class NodeStorageTest {

    private static final String NS = "trade-bank-a";

    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster(new ImmutableClaimTemplatesDispatcher(), Organization.class, Consortium.class, PeerNode.class,
                OrdererNode.class);
        cluster.organization("bank-a");
        ConsortiumFixtures.made(cluster.client, "trade", "bank-a", "ws-bank-a");
        cluster.client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("expandable")
                .endMetadata().withProvisioner("csi.example").withAllowVolumeExpansion(true).build()).create();
        cluster.client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("fixed")
                .endMetadata().withProvisioner("csi.example").build()).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void anImageUpgradeGoesThroughWhileTheClaimGrowsInPlace() {
        peer("peer0", StateDatabase.LEVELDB, "10Gi", "expandable");
        PeerNodeReconciler peers = peers(TestPlatform.SETTINGS);
        peers.reconcile(NS, "peer0");
        claimsAsTheControllerMakesThem("peer0");

        edit("peer0", p -> {
            p.getSpec().version = "2.5.6";
            p.getSpec().storage.size = "20Gi";
        });
        assertThat(peers.reconcile(NS, "peer0").outcomes()).containsEntry(Applier.Outcome.PATCHED, 2);

        StatefulSet set = cluster.client.apps().statefulSets().inNamespace(NS).withName("peer0").get();
        assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("hyperledger/fabric-peer:2.5.6");
        assertThat(set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString())
                .as("claim templates never change").isEqualTo("10Gi");
        assertThat(claimSize("data-peer0-0")).isEqualTo("20Gi");
        assertThat(condition("peer0")).as("nothing refused, nothing reported").isNull();
        assertThat(peers.reconcile(NS, "peer0").writes()).as("the next pass finds everything as asked").isZero();
    }

    @Test
    void aClaimWhoseStorageClassDoesNotAllowExpansionStaysAndTheNodeSaysSo() {
        peer("peer0", StateDatabase.LEVELDB, "10Gi", "fixed");
        PeerNodeReconciler peers = peers(TestPlatform.SETTINGS);
        peers.reconcile(NS, "peer0");
        claimsAsTheControllerMakesThem("peer0");

        edit("peer0", p -> p.getSpec().storage.size = "20Gi");
        peers.reconcile(NS, "peer0");

        assertThat(claimSize("data-peer0-0")).isEqualTo("10Gi");
        Condition unchangeable = condition("peer0");
        assertThat(unchangeable.status).isEqualTo("True");
        assertThat(unchangeable.reason).isEqualTo("ExpansionNotAllowed");
        assertThat(unchangeable.message).isEqualTo("claim data-peer0-0 stays at 10Gi (20Gi asked): its StorageClass fixed"
                + " does not set allowVolumeExpansion: true.");
        assertThat(phase("peer0")).as("the node itself is fine").isNotEqualTo(NodeStatus.Phase.DEGRADED);

        edit("peer0", p -> p.getSpec().storage.size = "10Gi");
        peers.reconcile(NS, "peer0");
        assertThat(condition("peer0").status).isEqualTo("False");
        assertThat(condition("peer0").reason).isEqualTo("StorageAsRequested");
    }

    @Test
    void aShrinkIsRefusedWithAClearMessage() {
        peer("peer0", StateDatabase.LEVELDB, "20Gi", "expandable");
        PeerNodeReconciler peers = peers(TestPlatform.SETTINGS);
        peers.reconcile(NS, "peer0");
        claimsAsTheControllerMakesThem("peer0");

        edit("peer0", p -> p.getSpec().storage.size = "5Gi");
        peers.reconcile(NS, "peer0");

        assertThat(claimSize("data-peer0-0")).isEqualTo("20Gi");
        assertThat(condition("peer0").reason).isEqualTo("ShrinkRefused");
        assertThat(condition("peer0").message)
                .isEqualTo("claim data-peer0-0 stays at 20Gi (5Gi asked): a PersistentVolumeClaim never shrinks.");
    }

    @Test
    void anotherStorageClassIsRefusedAndTheRestOfTheSpecStillApplies() {
        peer("peer0", StateDatabase.COUCHDB, "10Gi", "fixed");
        PeerNodeReconciler peers = peers(TestPlatform.SETTINGS);
        peers.reconcile(NS, "peer0");
        claimsAsTheControllerMakesThem("peer0");

        edit("peer0", p -> {
            p.getSpec().storage.storageClassName = "expandable";
            p.getSpec().version = "2.5.6";
        });
        peers.reconcile(NS, "peer0");

        assertThat(cluster.client.apps().statefulSets().inNamespace(NS).withName("peer0").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("hyperledger/fabric-peer:2.5.6");
        assertThat(condition("peer0").reason).isEqualTo("StorageClassUnchangeable");
        assertThat(condition("peer0").message).isEqualTo("claim data-peer0-0 stays on StorageClass fixed (expandable asked):"
                + " a claim's StorageClass cannot change; claim couchdb-peer0-0 stays on StorageClass fixed (expandable asked):"
                + " a claim's StorageClass cannot change.");
    }

    @Test
    void aPeerThatTurnsToCouchdbKeepsItsStatefulSetAndSaysWhy() {
        peer("peer0", StateDatabase.LEVELDB, "10Gi", "expandable");
        PeerNodeReconciler peers = peers(TestPlatform.SETTINGS);
        peers.reconcile(NS, "peer0");
        claimsAsTheControllerMakesThem("peer0");

        edit("peer0", p -> p.getSpec().stateDatabase = StateDatabase.COUCHDB);
        peers.reconcile(NS, "peer0");

        assertThat(cluster.client.apps().statefulSets().inNamespace(NS).withName("peer0").get().getSpec().getTemplate().getSpec()
                .getContainers()).as("a CouchDB container without its claim would be refused").hasSize(1);
        assertThat(condition("peer0").reason).isEqualTo("ClaimTemplateAdded");
        assertThat(condition("peer0").message).contains("has no claim template couchdb", "delete and re-create the node");
    }

    @Test
    void aLargerPlatformDefaultGrowsAnOrderersClaim() {
        OrdererNode orderer = new OrdererNode();
        orderer.getMetadata().setName("orderer0");
        orderer.getMetadata().setNamespace(NS);
        orderer.setSpec(new OrdererNode.Spec());
        orderer.getSpec().organization = "bank-a";
        orderer.getSpec().consortium = "trade";
        cluster.client.resources(OrdererNode.class).resource(orderer).create();
        new OrdererNodeReconciler(cluster.client, runtime(platform("expandable", "10Gi")), platform("expandable", "10Gi"),
                Clock.systemUTC()).reconcile(NS, "orderer0");
        claimsAsTheControllerMakesThem("orderer0");

        PlatformSettings larger = platform("expandable", "30Gi");
        new OrdererNodeReconciler(cluster.client, runtime(larger), larger, Clock.systemUTC()).reconcile(NS, "orderer0");

        assertThat(claimSize("data-orderer0-0")).isEqualTo("30Gi");
        assertThat(cluster.client.apps().statefulSets().inNamespace(NS).withName("orderer0").get().getSpec()
                .getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
    }

    private PeerNodeReconciler peers(PlatformSettings platform) {
        return new PeerNodeReconciler(cluster.client, runtime(platform), platform, Clock.systemUTC());
    }

    private KubernetesNodeRuntime runtime(PlatformSettings platform) {
        return new KubernetesNodeRuntime(cluster.client, new Applier(cluster.client), platform);
    }

    private static PlatformSettings platform(String storageClass, String ordererSize) {
        PlatformSettings p = TestPlatform.SETTINGS;
        return new PlatformSettings(p.imageRegistry(), p.fabricVersion(), p.couchdbImage(), storageClass, p.peerStorageSize(),
                ordererSize, p.peerResources(), p.ordererResources(), p.serviceNamespace(), p.monitoringNamespace(),
                p.clusterDomain(), p.operationsTls(), p.chaincodeImage(), p.chaincodeResources(), p.namespacePodSecurity(), p.couchdbResources());
    }

    private void peer(String name, StateDatabase database, String size, String storageClass) {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(name);
        peer.getMetadata().setNamespace(NS);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = "bank-a";
        peer.getSpec().stateDatabase = database;
        peer.getSpec().storage = new Storage();
        peer.getSpec().storage.size = size;
        peer.getSpec().storage.storageClassName = storageClass;
        cluster.client.resources(PeerNode.class).resource(peer).create();
    }

    private void edit(String name, Consumer<PeerNode> change) {
        cluster.client.resources(PeerNode.class).inNamespace(NS).withName(name).edit(p -> {
            change.accept(p);
            return p;
        });
    }

    /** What the StatefulSet controller does (the mock has none): a claim per template for ordinal 0. */
    private void claimsAsTheControllerMakesThem(String name) {
        StatefulSet set = cluster.client.apps().statefulSets().inNamespace(NS).withName(name).get();
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
            cluster.client.persistentVolumeClaims().resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                    .withName(template.getMetadata().getName() + "-" + name + "-0").withNamespace(NS).endMetadata()
                    .withSpec(template.getSpec()).build()).create();
        }
    }

    private String claimSize(String claim) {
        return cluster.client.persistentVolumeClaims().inNamespace(NS).withName(claim).get().getSpec().getResources().getRequests()
                .get("storage").toString();
    }

    private Condition condition(String peer) {
        return cluster.client.resources(PeerNode.class).inNamespace(NS).withName(peer).get().getStatus().conditions.stream()
                .filter(c -> Condition.STORAGE_UNCHANGEABLE.equals(c.type)).findFirst().orElse(null);
    }

    private NodeStatus.Phase phase(String peer) {
        return cluster.client.resources(PeerNode.class).inNamespace(NS).withName(peer).get().getStatus().phase;
    }
}
