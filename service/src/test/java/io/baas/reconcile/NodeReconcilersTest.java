package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.configtx.HostPort;
import io.baas.crd.StateDatabase;
import io.baas.k8s.Applier;
import io.baas.dev.EmbeddedSeed;
import io.baas.pki.Identity;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.pki.lifecycle.IdentityRenewer;
import io.baas.pki.lifecycle.RenewalPolicy;
import io.baas.pki.lifecycle.RevocationList;
import io.baas.support.ConsortiumFixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer and orderer reconcilers against the mock server in CRUD mode, with an organization whose CAs are held. */
class NodeReconcilersTest {

    static final String NS = "trade-bank-a";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private PeerNodeReconciler reconciler;
    private OrganizationCas cas;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(Organization.class)).create();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(PeerNode.class)).create();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(OrdererNode.class)).create();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(Consortium.class)).create();
        ConsortiumFixtures.made(client, "trade", "bank-a", "ws-a", "bank-b", "ws-b");
        MspOrganization msp = new MspOrganization("BankAMSP", "bank-a.example");
        cas = new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT).createRoots(msp);
        client.secrets().resource(OrganizationCaSecret.build("kubesphere-system", "bank-a", cas)).create();
        Organization organization = new Organization();
        organization.getMetadata().setName("bank-a");
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = "ws-a";
        organization.getSpec().mspId = "BankAMSP";
        organization.getSpec().domain = "bank-a.example";
        client.resources(Organization.class).resource(organization).create();
        reconciler = new PeerNodeReconciler(client, new io.baas.runtime.KubernetesNodeRuntime(client, new Applier(client), ConsortiumReconcilerTest.PLATFORM), ConsortiumReconcilerTest.PLATFORM, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void peer(String namespace, String name, StateDatabase database) {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(name);
        peer.getMetadata().setNamespace(namespace);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = "bank-a";
        peer.getSpec().stateDatabase = database;
        client.resources(PeerNode.class).resource(peer).create();
    }

    private X509Certificate nodeTlsCertificate(String peer) {
        Secret secret = client.secrets().inNamespace(NS).withName(peer + "-identity").get();
        return Pem.certificate(new String(Base64.getDecoder().decode(secret.getData().get("tls.server.crt"))));
    }

    @Test
    void aPeerGetsItsIdentityObjectsAndStatusAndASecondPassWritesNothing() {
        peer(NS, "peer0", StateDatabase.LEVELDB);
        peer(NS, "peer1", StateDatabase.LEVELDB);
        ReconcileResult first = reconciler.reconcile(NS, "peer0");
        assertThat(first.outcomes()).containsEntry(Applier.Outcome.CREATED, 5);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("peer0").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv()).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("CORE_PEER_GOSSIP_BOOTSTRAP");
                    assertThat(e.getValue()).isEqualTo("peer1.trade-bank-a.svc.cluster.local:7051");
                });
        assertThat(client.configMaps().inNamespace(NS).withName("peer0-msp").get()).isNotNull();
        PeerNode stored = client.resources(PeerNode.class).inNamespace(NS).withName("peer0").get();
        assertThat(stored.getStatus().phase).isEqualTo(NodeStatus.Phase.DEPLOYING);
        assertThat(stored.getStatus().endpoints).containsEntry("peer", "peer0.trade-bank-a.svc.cluster.local:7051");
        assertThat(stored.getStatus().certificateNotAfter).isNotBlank();

        assertThat(reconciler.reconcile(NS, "peer0").writes()).isZero();
    }

    @Test
    void aPeerWhoseNameCannotBeAServiceHoldsUpNoneOfItsSiblings() {
        peer(NS, "peer0", StateDatabase.LEVELDB);
        peer(NS, "1peer", StateDatabase.LEVELDB);
        peer(NS, "peer1", StateDatabase.LEVELDB);

        assertThatThrownBy(() -> reconciler.reconcile(NS, "1peer")).hasMessageContaining("RFC 1035");
        assertThat(client.resources(PeerNode.class).inNamespace(NS).withName("1peer").get().getStatus().phase).isEqualTo(NodeStatus.Phase.DEGRADED);

        reconciler.reconcile(NS, "peer0");
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("peer0").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv()).filteredOn(e -> e.getName().equals("CORE_PEER_GOSSIP_BOOTSTRAP")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).as("the refused sibling is no gossip bootstrap")
                        .isEqualTo("peer1.trade-bank-a.svc.cluster.local:7051"));
        // The kubelet's part: the pod turns ready.
        client.apps().statefulSets().inNamespace(NS).withName("peer0").editStatus(set -> {
            set.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
            return set;
        });
        reconciler.reconcile(NS, "peer0");
        PeerNode stored = client.resources(PeerNode.class).inNamespace(NS).withName("peer0").get();
        assertThat(stored.getStatus().phase).isEqualTo(NodeStatus.Phase.RUNNING);
        assertThat(stored.getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).allSatisfy(c -> assertThat(c.status).isEqualTo("False"));
    }

    @Test
    void aStatefulSetMadeBeforeTheHeadlessServiceIsReplacedSinceItsServiceNameCannotChange() {
        peer(NS, "peer0", StateDatabase.LEVELDB);
        reconciler.reconcile(NS, "peer0");
        assertThat(client.services().inNamespace(NS).withName("peer0-headless").get().getSpec().getClusterIP()).isEqualTo("None");
        // As an earlier version made it: governed by the client Service.
        client.apps().statefulSets().inNamespace(NS).withName("peer0").edit(set -> {
            set.getSpec().setServiceName("peer0");
            set.getMetadata().getAnnotations().remove(Applier.HASH_ANNOTATION);
            return set;
        });

        assertThat(reconciler.reconcile(NS, "peer0").outcomes()).containsEntry(Applier.Outcome.DELETED, 1);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("peer0").get()).isNull();
        assertThat(reconciler.reconcile(NS, "peer0").outcomes()).containsEntry(Applier.Outcome.CREATED, 1);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("peer0").get().getSpec().getServiceName()).isEqualTo("peer0-headless");
        assertThat(reconciler.reconcile(NS, "peer0").writes()).isZero();

        client.resources(PeerNode.class).inNamespace(NS).withName("peer0").delete();
        reconciler.reconcile(NS, "peer0");
        assertThat(client.services().inNamespace(NS).list().getItems()).as("both Services go with the node").isEmpty();
    }

    @Test
    void aRemovedPeerIsReportedByItsAddressSoConnectionsToItAreClosed() {
        List<HostPort> gone = new java.util.ArrayList<>();
        PeerNodeReconciler telling = new PeerNodeReconciler(client, new io.baas.runtime.KubernetesNodeRuntime(client,
                new Applier(client), ConsortiumReconcilerTest.PLATFORM), ConsortiumReconcilerTest.PLATFORM, Clock.systemUTC(), gone::add,
                ReconcileTimings.DEFAULTS);
        peer(NS, "peer0", StateDatabase.LEVELDB);
        telling.reconcile(NS, "peer0");
        assertThat(gone).as("a running peer is not gone").isEmpty();

        client.resources(PeerNode.class).inNamespace(NS).withName("peer0").delete();
        assertThat(telling.reconcile(NS, "peer0").deleted()).isTrue();
        assertThat(gone).containsExactly(new HostPort("peer0.trade-bank-a.svc.cluster.local", 7051));
    }

    @Test
    void aRenewedCertificateReplacesTheOldOneInTheNodesSecretWithTheSameKey() {
        peer(NS, "peer0", StateDatabase.LEVELDB);
        reconciler.reconcile(NS, "peer0");
        X509Certificate before = nodeTlsCertificate("peer0");

        // What CertificateCare does when the certificate nears its end: renew the held identity.
        String held = IdentitySecret.name("bank-a", "peer0-" + NS);
        Identity identity = IdentitySecret.read(client.secrets().inNamespace("kubesphere-system").withName(held).get());
        OrganizationCas later = OrganizationCaSecret.read(client.secrets().inNamespace("kubesphere-system").withName(OrganizationCaSecret.name("bank-a")).get(),
                cas.organization(), Clock.offset(Clock.systemUTC(), Duration.ofDays(350)), ValidityPolicy.DEFAULT);
        Identity renewed = new IdentityRenewer(later, RenewalPolicy.DEFAULT).renewDue(identity, RevocationList.empty()).orElseThrow();
        client.secrets().inNamespace("kubesphere-system").withName(held)
                .edit(s -> {
                    s.setData(IdentitySecret.build("kubesphere-system", "bank-a", renewed).getData());
                    return s;
                });

        // Only the Secret changes: the node's own certificates live there, beside its keys.
        assertThat(reconciler.reconcile(NS, "peer0").outcomes()).containsEntry(Applier.Outcome.PATCHED, 1);
        X509Certificate after = nodeTlsCertificate("peer0");
        assertThat(after.getPublicKey()).isEqualTo(before.getPublicKey());
        assertThat(after.getNotAfter()).isAfter(before.getNotAfter());
    }

    @Test
    void aPeerClaimingAnotherOrganizationsNamespaceGetsNothing() {
        peer("trade-bank-b", "intruder", StateDatabase.LEVELDB);
        assertThatThrownBy(() -> reconciler.reconcile("trade-bank-b", "intruder")).isInstanceOf(ReconcileException.class);
        PeerNode stored = client.resources(PeerNode.class).inNamespace("trade-bank-b").withName("intruder").get();
        assertThat(stored.getStatus().phase).isEqualTo(NodeStatus.Phase.DEGRADED);
        assertThat(stored.getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("OrganizationMismatch"));
        assertThat(client.secrets().inAnyNamespace().withLabel("baas.io/node", "intruder").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("kubesphere-system").list().getItems()).hasSize(1);
    }

    @Test
    void anOrdererGetsItsObjectsEndpointsAndTheSameIdentityOnEveryPass() {
        OrdererNode orderer = new OrdererNode();
        orderer.getMetadata().setName("orderer0");
        orderer.getMetadata().setNamespace(NS);
        orderer.setSpec(new OrdererNode.Spec());
        orderer.getSpec().organization = "bank-a";
        orderer.getSpec().consortium = "trade";
        client.resources(OrdererNode.class).resource(orderer).create();
        OrdererNodeReconciler orderers = new OrdererNodeReconciler(client, new io.baas.runtime.KubernetesNodeRuntime(client, new Applier(client), ConsortiumReconcilerTest.PLATFORM), ConsortiumReconcilerTest.PLATFORM,
                Clock.systemUTC());
        assertThat(orderers.reconcile(NS, "orderer0").outcomes()).containsEntry(Applier.Outcome.CREATED, 5);
        assertThat(orderers.reconcile(NS, "orderer0").writes()).isZero();
        OrdererNode stored = client.resources(OrdererNode.class).inNamespace(NS).withName("orderer0").get();
        assertThat(stored.getStatus().endpoints).containsEntry("admin", "orderer0.trade-bank-a.svc.cluster.local:7053");
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("orderer0").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("hyperledger/fabric-orderer:2.5.5");
        assertThat(IdentitySecret.read(client.secrets().inNamespace("kubesphere-system")
                .withName(IdentitySecret.name("bank-a", "orderer0-" + NS)).get()).role()).isEqualTo(io.baas.pki.IdentityRole.ORDERER);
    }

    @Test
    void couchdbCredentialsAreMadeOnceAndKept() {
        peer(NS, "peer0", StateDatabase.COUCHDB);
        reconciler.reconcile(NS, "peer0");
        Secret credentials = client.secrets().inNamespace(NS).withName("peer0-couchdb").get();
        assertThat(credentials).isNotNull();
        reconciler.reconcile(NS, "peer0");
        assertThat(client.secrets().inNamespace(NS).withName("peer0-couchdb").get().getData()).isEqualTo(credentials.getData());
        assertThat(client.configMaps().inNamespace(NS).withName("peer0-msp").get().getData().values())
                .noneMatch(v -> v.contains("PRIVATE KEY"));
    }
}
