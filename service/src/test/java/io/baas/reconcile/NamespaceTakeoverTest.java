package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.k8s.Applier;
import io.baas.pki.k8s.NodeMaterialBuilder;
import io.baas.pki.k8s.OrganizationCaSecret;
import io.baas.runtime.KubernetesNodeRuntime;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 15 (findings 5 and 6) on consortium namespaces: a consortium never adopts,
 * patches or deletes a namespace it did not create, and which organization a namespace belongs to
 * is read from the consortium's status, never from labels a project admin can change.
 */
class NamespaceTakeoverTest {

    private MockCluster cluster;
    private KubernetesClient client;
    private ConsortiumReconciler consortia;
    private PeerNodeReconciler peers;

    @BeforeEach
    void start() {
        cluster = new MockCluster(Organization.class, Consortium.class, PeerNode.class);
        client = cluster.client;
        consortia = new ConsortiumReconciler(client, new Applier(client), ConsortiumReconcilerTest.PLATFORM, Clock.systemUTC());
        peers = new PeerNodeReconciler(client, new KubernetesNodeRuntime(client, new Applier(client), ConsortiumReconcilerTest.PLATFORM),
                ConsortiumReconcilerTest.PLATFORM, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void consortium(String name, String... organizations) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(name);
        consortium.setSpec(new Consortium.Spec());
        for (String organization : organizations) {
            consortium.getSpec().members.add(new Consortium.Member(organization, "ws-" + organization));
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        client.resources(Consortium.class).resource(consortium).create();
    }

    private Namespace existingNamespace(String name, Map<String, String> labels) {
        return client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    private Consortium.Status status(String consortium) {
        return client.resources(Consortium.class).withName(consortium).get().getStatus();
    }

    private String degradedReason(String consortium) {
        return degraded(consortium).reason;
    }

    private io.baas.crd.Condition degraded(String consortium) {
        return status(consortium).conditions.stream().filter(c -> c.type.equals("Degraded") && c.status.equals("True"))
                .findFirst().orElseThrow();
    }

    /** Deletes the consortium and runs the passes its finalizer needs; the consortium is gone after. */
    private void deleteConsortium(String name) {
        client.resources(Consortium.class).withName(name).delete();
        consortia.reconcile(name);
        assertThat(client.resources(Consortium.class).withName(name).get()).isNull();
    }

    /** A namespace and what is in it that a consortium could write, as they are now. */
    private record Snapshot(Namespace namespace, List<String> policies) {
    }

    private Snapshot snapshot(String name) {
        return new Snapshot(client.namespaces().withName(name).get(), policies(name));
    }

    private List<String> policies(String namespace) {
        return client.network().v1().networkPolicies().inNamespace(namespace).list().getItems().stream()
                .map(p -> p.getMetadata().getName() + "@" + p.getMetadata().getResourceVersion()).sorted().toList();
    }

    private void assertUntouched(Snapshot before) {
        String name = before.namespace().getMetadata().getName();
        Namespace now = client.namespaces().withName(name).get();
        assertThat(now).as("namespace " + name + " still exists").isNotNull();
        assertThat(now.getMetadata().getUid()).isEqualTo(before.namespace().getMetadata().getUid());
        assertThat(now.getMetadata().getResourceVersion()).as("not patched").isEqualTo(before.namespace().getMetadata().getResourceVersion());
        assertThat(now.getMetadata().getLabels()).isEqualTo(before.namespace().getMetadata().getLabels());
        assertThat(now.getMetadata().getAnnotations()).isEqualTo(before.namespace().getMetadata().getAnnotations());
        assertThat(policies(name)).as("nothing written into it").isEqualTo(before.policies());
    }

    @Test
    void aConsortiumNamedKubesphereWithAnOrganizationNamedSystemNeverTouchesKubesphereSystem() {
        existingNamespace("kubesphere-system", Map.of("kubesphere.io/workspace", "system-workspace"));
        Snapshot system = snapshot("kubesphere-system");
        consortium("kubesphere", "system");

        assertThatThrownBy(() -> consortia.reconcile("kubesphere")).isInstanceOf(ReconcileException.class)
                .hasMessageContaining("kubesphere-system");
        assertThat(status("kubesphere").phase).isEqualTo(Consortium.Status.Phase.DEGRADED);
        assertThat(degradedReason("kubesphere")).isEqualTo("ReservedNamespace");
        assertUntouched(system);

        deleteConsortium("kubesphere");
        assertUntouched(system);
    }

    @Test
    void reservedNamespacesAreRefusedEvenWhenTheyDoNotExist() {
        consortium("kube", "public");
        consortium("openshift", "apps");
        assertThatThrownBy(() -> consortia.reconcile("kube")).isInstanceOf(ReconcileException.class);
        assertThatThrownBy(() -> consortia.reconcile("openshift")).isInstanceOf(ReconcileException.class);
        assertThat(degradedReason("kube")).isEqualTo("ReservedNamespace");
        assertThat(client.namespaces().list().getItems()).isEmpty();
    }

    @Test
    void anExistingNamespaceOfTheSameNameIsRefusedAndUntouchedEvenWithOurLabels() {
        // Someone else's project, even one carrying every label the service sets, is not the consortium's.
        existingNamespace("trade-port", Map.of("team", "logistics", "baas.io/consortium", "trade",
                "baas.io/organization", "port", "app.kubernetes.io/managed-by", "ks-baas"));
        Snapshot foreign = snapshot("trade-port");
        consortium("trade", "bank-a", "port");

        assertThatThrownBy(() -> consortia.reconcile("trade")).isInstanceOf(ReconcileException.class)
                .hasMessageContaining("trade-port");
        assertThat(degradedReason("trade")).isEqualTo("NamespaceConflict");
        assertThat(degraded("trade").message).as("the step that failed is named")
                .startsWith("Step ClaimNamespaces failed: Namespaces [trade-port] exist");
        assertUntouched(foreign);
        assertThat(client.namespaces().list().getItems()).as("nothing else made either")
                .extracting(n -> n.getMetadata().getName()).containsExactly("trade-port");
        assertThat(status("trade").namespaces).isNullOrEmpty();

        deleteConsortium("trade");
        assertUntouched(foreign);
    }

    @Test
    void namesThatSplitTwoWaysCannotShareANamespace() {
        consortium("a-b", "c");
        consortia.reconcile("a-b");
        Snapshot first = snapshot("a-b-c");
        assertThat(first.namespace().getMetadata().getLabels()).containsEntry("baas.io/consortium", "a-b");
        assertThat(first.policies()).hasSize(1);

        consortium("a", "b-c");
        assertThatThrownBy(() -> consortia.reconcile("a")).isInstanceOf(ReconcileException.class).hasMessageContaining("a-b-c");
        assertThat(degradedReason("a")).isEqualTo("NamespaceConflict");
        assertUntouched(first);

        deleteConsortium("a");
        assertUntouched(first);
        assertThat(consortia.reconcile("a-b").writes()).as("the first consortium keeps its namespace as it was").isZero();
        assertThat(status("a-b").phase).isEqualTo(Consortium.Status.Phase.READY);
        assertThat(status("a-b").namespaces).containsExactlyEntriesOf(Map.of("c", "a-b-c"));
    }

    @Test
    void aNamespaceReplacedAfterTheConsortiumMadeItIsNotDeletedWithTheConsortium() {
        consortium("trade", "bank-a");
        consortia.reconcile("trade");
        client.namespaces().withName("trade-bank-a").delete();
        existingNamespace("trade-bank-a", Map.of("baas.io/consortium", "trade", "app.kubernetes.io/managed-by", "ks-baas"));
        Snapshot replacement = snapshot("trade-bank-a");

        assertThatThrownBy(() -> consortia.reconcile("trade")).isInstanceOf(ReconcileException.class);
        assertUntouched(replacement);
        deleteConsortium("trade");
        assertUntouched(replacement);
    }

    private void peer(String namespace, String name, String organization) {
        PeerNode peer = new PeerNode();
        peer.getMetadata().setName(name);
        peer.getMetadata().setNamespace(namespace);
        peer.setSpec(new PeerNode.Spec());
        peer.getSpec().organization = organization;
        client.resources(PeerNode.class).resource(peer).create();
    }

    private void assertDegradedWithoutIdentity(String namespace, String name, String organization) {
        assertThatThrownBy(() -> peers.reconcile(namespace, name)).isInstanceOf(ReconcileException.class);
        PeerNode stored = client.resources(PeerNode.class).inNamespace(namespace).withName(name).get();
        assertThat(stored.getStatus().phase).isEqualTo(NodeStatus.Phase.DEGRADED);
        assertThat(stored.getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.reason).isEqualTo("OrganizationMismatch"));
        assertThat(client.secrets().inNamespace(MockCluster.SERVICE_NAMESPACE).withLabel("baas.io/organization", organization).list()
                .getItems()).as("no identity issued for " + organization)
                .allSatisfy(s -> assertThat(s.getMetadata().getName()).isEqualTo(OrganizationCaSecret.name(organization)));
        assertThat(client.secrets().inNamespace(namespace).withName(NodeMaterialBuilder.secretName(name)).get()).isNull();
    }

    @Test
    void relabellingAConsortiumNamespaceGainsNothing() {
        cluster.organization("bank-a");
        cluster.organization("bank-b");
        consortium("trade", "bank-a", "bank-b");
        consortia.reconcile("trade");
        // The project admin of trade-bank-a relabels their project as bank-b's and asks for a bank-b peer there.
        client.namespaces().withName("trade-bank-a").edit(n -> {
            n.getMetadata().getLabels().put("baas.io/organization", "bank-b");
            return n;
        });
        peer("trade-bank-a", "intruder", "bank-b");
        assertDegradedWithoutIdentity("trade-bank-a", "intruder", "bank-b");

        // Labels that disagree with the consortium's record stop the namespace's own nodes too.
        peer("trade-bank-a", "peer9", "bank-a");
        assertDegradedWithoutIdentity("trade-bank-a", "peer9", "bank-a");

        // The consortium's own pass is not fooled either: its record still says bank-a, and it puts its labels back.
        assertThat(consortia.reconcile("trade").outcomes()).containsEntry(Applier.Outcome.PATCHED, 1);
        assertThat(status("trade").namespaces).containsEntry("bank-a", "trade-bank-a").containsEntry("bank-b", "trade-bank-b");
        assertThat(client.namespaces().withName("trade-bank-a").get().getMetadata().getLabels())
                .containsEntry("baas.io/organization", "bank-a");
        peers.reconcile("trade-bank-a", "peer9");
        assertThat(client.secrets().inNamespace("trade-bank-a").withName(NodeMaterialBuilder.secretName("peer9")).get()).isNotNull();
        assertThatThrownBy(() -> peers.reconcile("trade-bank-a", "intruder")).isInstanceOf(ReconcileException.class);
        assertThat(consortia.reconcile("trade").writes()).isZero();
    }

    @Test
    void aProjectLabelledAsAnOrganizationOutsideAnyConsortiumGetsNoIdentity() {
        cluster.organization("bank-a");
        existingNamespace("my-project", Map.of("baas.io/organization", "bank-a", "baas.io/consortium", "trade"));
        peer("my-project", "peer0", "bank-a");
        assertDegradedWithoutIdentity("my-project", "peer0", "bank-a");
    }

    @Test
    void theOrganizationsOwnNamespaceStillGetsItsNodes() {
        cluster.organization("bank-a");
        consortium("trade", "bank-a");
        consortia.reconcile("trade");
        peer("trade-bank-a", "peer0", "bank-a");
        peers.reconcile("trade-bank-a", "peer0");
        assertThat(client.secrets().inNamespace("trade-bank-a").withName(NodeMaterialBuilder.secretName("peer0")).get()).isNotNull();
    }
}
