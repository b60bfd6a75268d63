package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.k8s.Applier;
import io.baas.k8s.build.PlatformSettings;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.runtime.KubernetesNodeRuntime;
import io.baas.support.TestPlatform;
import io.baas.support.TradeFinance;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole network through the consortium and node reconcilers against the mock server in CRUD
 * mode: 3 organizations × 2 peers and 3 orderers become exactly the expected objects, a second pass
 * writes nothing even over the defaults a real API server adds, scaling adds and removes the right
 * objects, a pass that dies halfway converges, and deleting the consortium leaves nothing behind.
 */
class NetworkReconcileTest {

    static final PlatformSettings PLATFORM = TestPlatform.SETTINGS;
    static final List<String> ORGANIZATIONS = List.of("bank-a", "bank-b", "port");
    static final String SERVICE_NS = "kubesphere-system";

    private MockCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = new MockCluster(Organization.class, Consortium.class, PeerNode.class, OrdererNode.class, Channel.class);
        client = cluster.client;
        ORGANIZATIONS.forEach(cluster::organization);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void consortium(int... peers) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("trade");
        consortium.setSpec(new Consortium.Spec());
        for (int i = 0; i < ORGANIZATIONS.size(); i++) {
            Consortium.Member member = new Consortium.Member(ORGANIZATIONS.get(i), "ws-" + ORGANIZATIONS.get(i));
            member.peers = peers[i];
            consortium.getSpec().members.add(member);
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        consortium.getSpec().orderingService = new Consortium.OrderingService();
        if (client.resources(Consortium.class).withName("trade").get() == null) {
            client.resources(Consortium.class).resource(consortium).create();
        } else {
            client.resources(Consortium.class).withName("trade").edit(c -> {
                c.setSpec(consortium.getSpec());
                return c;
            });
        }
    }

    /** One pass of every reconciler, as the controllers would run them; returns the writes. */
    private int pass(Applier applier) {
        KubernetesNodeRuntime runtime = new KubernetesNodeRuntime(client, applier, PLATFORM);
        PeerNodeReconciler peers = new PeerNodeReconciler(client, runtime, PLATFORM, Clock.systemUTC());
        OrdererNodeReconciler orderers = new OrdererNodeReconciler(client, runtime, PLATFORM, Clock.systemUTC());
        int writes = new ConsortiumReconciler(client, applier, PLATFORM, Clock.systemUTC()).reconcile("trade").writes();
        for (PeerNode peer : client.resources(PeerNode.class).inAnyNamespace().list().getItems()) {
            writes += peers.reconcile(peer.getMetadata().getNamespace(), peer.getMetadata().getName()).writes();
        }
        for (OrdererNode orderer : client.resources(OrdererNode.class).inAnyNamespace().list().getItems()) {
            writes += orderers.reconcile(orderer.getMetadata().getNamespace(), orderer.getMetadata().getName()).writes();
        }
        return writes;
    }

    private int pass() {
        return pass(new Applier(client));
    }

    /** Every object in the cluster as "Kind namespace/name", without what the test seeded. */
    private TreeSet<String> objects() {
        TreeSet<String> all = new TreeSet<>();
        List<HasMetadata> items = new ArrayList<>();
        items.addAll(client.namespaces().list().getItems());
        items.addAll(client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
        items.addAll(client.resources(PeerNode.class).inAnyNamespace().list().getItems());
        items.addAll(client.resources(OrdererNode.class).inAnyNamespace().list().getItems());
        items.addAll(client.secrets().inAnyNamespace().list().getItems());
        items.addAll(client.configMaps().inAnyNamespace().list().getItems());
        items.addAll(client.services().inAnyNamespace().list().getItems());
        items.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
        items.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
        for (HasMetadata item : items) {
            String name = item.getMetadata().getName();
            if (item.getKind().equals("Secret") && ORGANIZATIONS.stream().anyMatch(o -> OrganizationCaSecret.name(o).equals(name))) {
                continue;
            }
            String namespace = item.getMetadata().getNamespace();
            all.add(item.getKind() + " " + (namespace == null ? "" : namespace + "/") + name);
        }
        return all;
    }

    private static TreeSet<String> expected(Map<String, Integer> peersByOrganization, int orderers) {
        TreeSet<String> all = new TreeSet<>();
        for (String organization : ORGANIZATIONS) {
            String ns = "trade-" + organization;
            all.add("Namespace " + ns);
            all.add("NetworkPolicy " + ns + "/baas-consortium-isolation");
            for (int i = 0; i < peersByOrganization.get(organization); i++) {
                node(all, "PeerNode", ns, "peer" + i, organization);
            }
        }
        for (int i = 0; i < orderers; i++) {
            node(all, "OrdererNode", "trade-bank-a", "orderer" + i, "bank-a");
        }
        return all;
    }

    private static void node(TreeSet<String> all, String kind, String ns, String name, String organization) {
        all.add(kind + " " + ns + "/" + name);
        all.add("Secret " + ns + "/" + name + "-identity");
        all.add("ConfigMap " + ns + "/" + name + "-msp");
        all.add("Service " + ns + "/" + name);
        all.add("Service " + ns + "/" + name + "-headless");
        all.add("StatefulSet " + ns + "/" + name);
        // The held identity, in the service's namespace (custody name: node + namespace).
        all.add("Secret " + SERVICE_NS + "/" + io.baas.pki.k8s.IdentitySecret.name(organization, name + "-" + ns));
    }

    @Test
    void threeOrganizationsWithTwoPeersAndThreeOrderersYieldExactlyTheExpectedObjects() {
        consortium(2, 2, 2);
        assertThat(pass()).isPositive();
        assertThat(objects()).containsExactlyElementsOf(expected(Map.of("bank-a", 2, "bank-b", 2, "port", 2), 3));

        PeerNode declared = client.resources(PeerNode.class).inNamespace("trade-port").withName("peer1").get();
        assertThat(declared.getSpec().organization).isEqualTo("port");
        assertThat(declared.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Consortium"));
        assertThat(declared.getMetadata().getFinalizers()).containsExactly(Finalizers.NODE);
        assertThat(gossipBootstrap("trade-port", "peer0")).isEqualTo("peer1.trade-port.svc.cluster.local:7051");
        assertThat(client.resources(OrdererNode.class).inNamespace("trade-bank-a").withName("orderer2").get().getSpec().consortium)
                .isEqualTo("trade");
    }

    @Test
    void aSecondPassWritesNothingAlsoOverTheDefaultsARealApiServerAdds() {
        consortium(2, 2, 2);
        pass();
        fillServerDefaults();
        assertThat(pass()).isZero();
    }

    @Test
    void scalingPeersAddsAndRemovesTheRightObjects() {
        consortium(2, 2, 2);
        pass();
        consortium(3, 1, 2);
        pass(); // the consortium declares peer2 and marks bank-b's peer1 deleted; the peers' reconcilers act on both
        assertThat(objects()).containsExactlyElementsOf(expected(Map.of("bank-a", 3, "bank-b", 1, "port", 2), 3));
        assertThat(gossipBootstrap("trade-bank-a", "peer0"))
                .isEqualTo("peer1.trade-bank-a.svc.cluster.local:7051 peer2.trade-bank-a.svc.cluster.local:7051");
        assertThat(gossipBootstrap("trade-bank-b", "peer0")).as("no bootstrap to a peer that is gone").isEmpty();
        assertThat(pass()).isZero();
    }

    @Test
    void aMemberAddedPeerIsNeverRemovedByTheConsortium() {
        consortium(1, 1, 1);
        PeerNode own = new PeerNode();
        own.getMetadata().setName("edge");
        own.getMetadata().setNamespace("trade-port");
        own.setSpec(new PeerNode.Spec());
        own.getSpec().organization = "port";
        client.resources(PeerNode.class).resource(own).create();
        pass();
        consortium(1, 1, 0);
        pass();
        assertThat(client.resources(PeerNode.class).inNamespace("trade-port").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactly("edge");
    }

    @Test
    void orderersInUseByAChannelAreNotScaledDown() {
        consortium(1, 1, 1);
        pass();
        client.resources(Channel.class).resource(TradeFinance.channel("bank-a", "bank-b")).create();
        client.resources(Consortium.class).withName("trade").edit(c -> {
            c.getSpec().orderingService.nodes = 1;
            return c;
        });
        assertThatThrownBy(this::pass).isInstanceOf(ReconcileException.class).hasMessageContaining("orderer1, orderer2");
        Consortium stored = client.resources(Consortium.class).withName("trade").get();
        assertThat(stored.getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("OrderersInUse"));
        assertThat(client.resources(OrdererNode.class).inNamespace("trade-bank-a").list().getItems()).hasSize(3);
    }

    @Test
    void aPassThatDiesHalfwayConvergesWithNoDuplicatesOrLeftovers() {
        consortium(2, 2, 2);
        Applier dying = new DyingApplier(client, 17);
        assertThatThrownBy(() -> pass(dying)).hasMessageContaining("injected");
        assertThat(objects()).isNotEmpty();
        pass();
        assertThat(objects()).containsExactlyElementsOf(expected(Map.of("bank-a", 2, "bank-b", 2, "port", 2), 3));
        assertThat(pass()).isZero();
    }

    @Test
    void deletingTheConsortiumRemovesEverythingItMadeIncludingHeldIdentities() {
        consortium(2, 2, 2);
        pass();
        client.resources(Consortium.class).withName("trade").delete();
        // First the nodes go (their finalizers release the held identities), then the namespaces.
        assertThatThrownBy(this::passWhileDeleting).isInstanceOf(ReconcileException.class).hasMessageContaining("waits for 9 nodes");
        passWhileDeleting();
        assertThat(client.resources(Consortium.class).withName("trade").get()).isNull();
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(SERVICE_NS).list().getItems()).extracting(s -> s.getMetadata().getName())
                .as("only the organizations' CAs remain").containsExactlyInAnyOrderElementsOf(
                        ORGANIZATIONS.stream().map(OrganizationCaSecret::name).toList());
    }

    /** The consortium first, then every node the deletion reached; the consortium's waiting is the exception. */
    private void passWhileDeleting() {
        RuntimeException waiting = null;
        try {
            new ConsortiumReconciler(client, new Applier(client), PLATFORM, Clock.systemUTC()).reconcile("trade");
        } catch (ReconcileException e) {
            waiting = e;
        }
        KubernetesNodeRuntime runtime = new KubernetesNodeRuntime(client, new Applier(client), PLATFORM);
        for (PeerNode peer : client.resources(PeerNode.class).inAnyNamespace().list().getItems()) {
            new PeerNodeReconciler(client, runtime, PLATFORM, Clock.systemUTC()).reconcile(peer.getMetadata().getNamespace(), peer.getMetadata().getName());
        }
        for (OrdererNode orderer : client.resources(OrdererNode.class).inAnyNamespace().list().getItems()) {
            new OrdererNodeReconciler(client, runtime, PLATFORM, Clock.systemUTC()).reconcile(orderer.getMetadata().getNamespace(), orderer.getMetadata().getName());
        }
        if (waiting != null) {
            throw waiting;
        }
    }

    private String gossipBootstrap(String namespace, String peer) {
        return client.apps().statefulSets().inNamespace(namespace).withName(peer).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals("CORE_PEER_GOSSIP_BOOTSTRAP"))
                .findFirst().orElseThrow().getValue();
    }

    /** What kube-apiserver adds to what it stores: defaults in specs, containers and claims, and Secret data. */
    private void fillServerDefaults() {
        for (StatefulSet set : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            client.apps().statefulSets().resource(set).edit(s -> {
                s.getSpec().setPodManagementPolicy("OrderedReady");
                s.getSpec().setRevisionHistoryLimit(10);
                s.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder()
                        .withType("RollingUpdate").withNewRollingUpdate().withPartition(0).endRollingUpdate().build());
                var pod = s.getSpec().getTemplate().getSpec();
                pod.setRestartPolicy("Always");
                pod.setDnsPolicy("ClusterFirst");
                pod.setSchedulerName("default-scheduler");
                pod.setTerminationGracePeriodSeconds(30L);
                if (pod.getSecurityContext() == null) {
                    pod.setSecurityContext(new io.fabric8.kubernetes.api.model.PodSecurityContext());
                }
                pod.getContainers().forEach(c -> {
                    c.setImagePullPolicy("IfNotPresent");
                    c.setTerminationMessagePath("/dev/termination-log");
                    c.setTerminationMessagePolicy("File");
                    c.getPorts().forEach(p -> p.setProtocol("TCP"));
                    if (c.getLivenessProbe() != null) {
                        c.getLivenessProbe().setTimeoutSeconds(1);
                        c.getLivenessProbe().setSuccessThreshold(1);
                    }
                });
                s.getSpec().getVolumeClaimTemplates().forEach(claim -> claim.getSpec().setVolumeMode("Filesystem"));
                s.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
                return s;
            });
        }
        client.services().inAnyNamespace().list().getItems().forEach(service -> client.services().resource(service).edit(s -> {
            if (!"None".equals(s.getSpec().getClusterIP())) { // a headless Service stays headless
                s.getSpec().setClusterIP("10.96.12.34");
                s.getSpec().setClusterIPs(List.of("10.96.12.34"));
            }
            s.getSpec().setType("ClusterIP");
            s.getSpec().setSessionAffinity("None");
            s.getSpec().setIpFamilies(List.of("IPv4"));
            s.getSpec().setIpFamilyPolicy("SingleStack");
            s.getSpec().setInternalTrafficPolicy("Cluster");
            s.getSpec().getPorts().forEach(p -> {
                p.setProtocol("TCP");
                if (p.getTargetPort() == null) {
                    p.setTargetPort(new IntOrString(p.getPort()));
                }
            });
            return s;
        }));
        client.secrets().inAnyNamespace().list().getItems().forEach(secret -> client.secrets().resource(secret).edit(s -> {
            if (s.getType() == null) {
                s.setType("Opaque");
            }
            return s;
        }));
        client.network().v1().networkPolicies().inAnyNamespace().list().getItems().forEach(policy ->
                client.network().v1().networkPolicies().resource(policy).edit(p -> {
                    p.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(port -> port.setProtocol("TCP")));
                    return p;
                }));
    }
}
