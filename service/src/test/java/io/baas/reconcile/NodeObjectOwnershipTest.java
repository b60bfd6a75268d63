package io.baas.reconcile;

import io.baas.crd.ConditionReason;
import io.baas.crd.NodeStatus;
import io.baas.crd.OrdererNode;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.dev.EmbeddedSeed;
import io.baas.k8s.Applier;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCaFactory;
import io.baas.pki.ValidityPolicy;
import io.baas.pki.k8s.IdentitySecret;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Objects under a node's names that the node does not own (someone else's Secret in its namespace,
 * another organization's held identity in the service's) are never used, overwritten or deleted.
 */
class NodeObjectOwnershipTest {

    static final String NS = "trade-bank-a";
    static final String SERVICE_NS = "kubesphere-system";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private PeerNodeReconciler reconciler;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(Organization.class)).create();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(PeerNode.class)).create();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(OrdererNode.class)).create();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(io.baas.crd.Consortium.class)).create();
        // The namespace as the consortium makes and records it (trade-bank-a for bank-a).
        io.baas.support.ConsortiumFixtures.made(client, "trade", "bank-a", "ws-a");
        MspOrganization msp = new MspOrganization("BankAMSP", "bank-a.example");
        client.secrets().resource(OrganizationCaSecret.build(SERVICE_NS, "bank-a",
                new OrganizationCaFactory(Clock.systemUTC(), ValidityPolicy.DEFAULT).createRoots(msp))).create();
        Organization organization = new Organization();
        organization.getMetadata().setName("bank-a");
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = "ws-a";
        organization.getSpec().mspId = "BankAMSP";
        organization.getSpec().domain = "bank-a.example";
        client.resources(Organization.class).resource(organization).create();
        reconciler = new PeerNodeReconciler(client, new io.baas.runtime.KubernetesNodeRuntime(client, new Applier(client),
                ConsortiumReconcilerTest.PLATFORM), ConsortiumReconcilerTest.PLATFORM, Clock.systemUTC());
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName("peer0");
        peer.getMetadata().setNamespace(NS);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = "bank-a";
        peer.getSpec().stateDatabase = StateDatabase.COUCHDB;
        client.resources(PeerNode.class).resource(peer).create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aSecretUnderTheNodesNameThatItDoesNotControlIsLeftAloneAndTheNodeIsDegraded() {
        Secret foreign = client.secrets().resource(secret(NS, "peer0-identity", Map.of("app", "mine"))).create();
        assertThatThrownBy(() -> reconciler.reconcile(NS, "peer0")).isInstanceOf(ReconcileException.class)
                .extracting(e -> ((ReconcileException) e).reason()).isEqualTo(ConditionReason.NAME_TAKEN);
        assertUnchanged(foreign);
        assertThat(client.resources(PeerNode.class).inNamespace(NS).withName("peer0").get().getStatus().phase).isEqualTo(NodeStatus.Phase.DEGRADED);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("peer0").get()).isNull();
    }

    @Test
    void removingANodeDeletesOnlyTheObjectsItControls() {
        reconciler.reconcile(NS, "peer0");
        // Someone else's Secret now sits under the CouchDB credentials' name.
        client.secrets().inNamespace(NS).withName("peer0-couchdb").delete();
        Secret foreign = client.secrets().resource(secret(NS, "peer0-couchdb", Map.of("app", "mine"))).create();
        client.resources(PeerNode.class).inNamespace(NS).withName("peer0").delete();
        reconciler.reconcile(NS, "peer0");
        assertUnchanged(foreign);
        assertThat(client.secrets().inNamespace(NS).withName("peer0-identity").get()).as("its own Secret goes").isNull();
        assertThat(client.configMaps().inNamespace(NS).withName("peer0-msp").get()).as("its own ConfigMap goes").isNull();
    }

    @Test
    void anotherOrganizationsSecretUnderTheHeldIdentitysNameIsNeitherUsedNorDeleted() {
        String held = IdentitySecret.name("bank-a", "peer0-" + NS);
        Secret foreign = client.secrets().resource(secret(SERVICE_NS, held, Map.of("app.kubernetes.io/managed-by", "ks-baas",
                "app.kubernetes.io/component", "fabric-identity", "baas.io/organization", "bank-b",
                "baas.io/identity", "peer0-" + NS, "baas.io/identity-role", "peer"))).create();
        assertThatThrownBy(() -> reconciler.reconcile(NS, "peer0")).isInstanceOf(RuntimeException.class);
        assertUnchanged(foreign);
        assertThat(client.secrets().inNamespace(NS).withName("peer0-identity").get()).as("no node material from it").isNull();
        client.resources(PeerNode.class).inNamespace(NS).withName("peer0").delete();
        reconciler.reconcile(NS, "peer0");
        assertUnchanged(foreign);
    }

    private static Secret secret(String namespace, String name, Map<String, String> labels) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .addToStringData("value", "not the platform's").build();
    }

    private void assertUnchanged(Secret before) {
        Secret now = client.secrets().inNamespace(before.getMetadata().getNamespace()).withName(before.getMetadata().getName()).get();
        assertThat(now).as("still there").isNotNull();
        assertThat(now.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(now.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
        assertThat(now.getData()).isEqualTo(before.getData());
        assertThat(now.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    }
}
