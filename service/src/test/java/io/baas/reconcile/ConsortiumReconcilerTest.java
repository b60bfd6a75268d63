package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.crd.Consortium;
import io.baas.dev.EmbeddedSeed;
import io.baas.k8s.Applier;
import io.baas.k8s.build.NodeMonitoring;
import io.baas.k8s.build.PlatformSettings;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consortium reconciler against the fabric8 mock server in CRUD mode, with the project's CRD. */
class ConsortiumReconcilerTest {

    static final PlatformSettings PLATFORM = io.baas.support.TestPlatform.SETTINGS;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ConsortiumReconciler reconciler;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(Consortium.class)).create();
        reconciler = new ConsortiumReconciler(client, new Applier(client), PLATFORM, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void consortium(String name, String... organizations) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(name);
        consortium.setSpec(new Consortium.Spec());
        for (String organization : organizations) {
            consortium.getSpec().members.add(new Consortium.Member(organization, "ws-" + organization));
        }
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        client.resources(Consortium.class).resource(consortium).createOr(existing -> existing.update());
    }

    private List<String> namespaces() {
        return client.namespaces().withLabel("baas.io/consortium", "trade").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).sorted().toList();
    }

    @Test
    void aConsortiumOfThreeGetsThreeIsolatedNamespacesAndAReadyStatus() {
        consortium("trade", "bank-a", "bank-b", "port");
        ReconcileResult first = reconciler.reconcile("trade");
        assertThat(first.outcomes()).containsEntry(Applier.Outcome.CREATED, 6);
        assertThat(namespaces()).containsExactly("trade-bank-a", "trade-bank-b", "trade-port");
        assertThat(client.network().v1().networkPolicies().inNamespace("trade-port").withName("baas-consortium-isolation").get()).isNotNull();

        Consortium stored = client.resources(Consortium.class).withName("trade").get();
        assertThat(stored.getMetadata().getFinalizers()).contains(ConsortiumReconciler.FINALIZER);
        assertThat(stored.getStatus().phase).isEqualTo(Consortium.Status.Phase.READY);
        assertThat(stored.getStatus().namespaces).containsEntry("port", "trade-port");
        assertThat(stored.getStatus().conditions).extracting(c -> c.type + "=" + c.status)
                .containsExactly("Ready=True", "Progressing=False", "Degraded=False");
    }

    /** The host runtime without a usable Fabric release: every consortium says so, its namespaces and nodes written all the same. */
    @Test
    void aRuntimeThatCanRunNoNodeIsSaidOnTheStatus() {
        consortium("trade", "bank-a", "bank-b");
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> problem = new java.util.concurrent.atomic.AtomicReference<>(
                java.util.Optional.of("/opt/fabric holds Fabric 2.4.9; the host runtime runs Fabric 2.5.x"));
        ConsortiumReconciler onHost = new ConsortiumReconciler(client, new Applier(client), PLATFORM, NodeMonitoring.DEFAULTS,
                problem::get, Clock.systemUTC());

        assertThatThrownBy(() -> onHost.reconcile("trade")).isInstanceOf(ReconcileException.class);

        Consortium stored = client.resources(Consortium.class).withName("trade").get();
        assertThat(stored.getStatus().phase).isEqualTo(Consortium.Status.Phase.DEGRADED);
        assertThat(stored.getStatus().conditions).filteredOn(c -> "Ready".equals(c.type)).singleElement().satisfies(ready -> {
            assertThat(ready.status).isEqualTo("False");
            assertThat(ready.reason).isEqualTo("RuntimeUnavailable");
            assertThat(ready.message).contains("Its nodes cannot run").contains("holds Fabric 2.4.9").contains("runs Fabric 2.5.x");
        });
        assertThat(namespaces()).containsExactly("trade-bank-a", "trade-bank-b");

        problem.set(java.util.Optional.empty());
        onHost.reconcile("trade");
        assertThat(client.resources(Consortium.class).withName("trade").get().getStatus().phase).isEqualTo(Consortium.Status.Phase.READY);
    }

    @Test
    void aSecondPassWritesNothingEvenWhenTheServerAddedDefaults() {
        consortium("trade", "bank-a", "bank-b");
        reconciler.reconcile("trade");
        // What a real API server adds to stored objects.
        for (String name : namespaces()) {
            client.namespaces().withName(name).edit(n -> {
                n.getMetadata().getLabels().put("kubernetes.io/metadata.name", name);
                n.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of("kubernetes")));
                return n;
            });
        }
        String statusVersion = client.resources(Consortium.class).withName("trade").get().getMetadata().getResourceVersion();
        ReconcileResult second = reconciler.reconcile("trade");
        assertThat(second.writes()).isZero();
        assertThat(second.outcomes()).containsEntry(Applier.Outcome.UNCHANGED, 4);
        assertThat(client.resources(Consortium.class).withName("trade").get().getMetadata().getResourceVersion())
                .as("no status write when nothing changed").isEqualTo(statusVersion);
    }

    @Test
    void anOrganizationThatLeavesTakesItsNamespaceAlong() {
        consortium("trade", "bank-a", "bank-b", "port");
        reconciler.reconcile("trade");
        consortium("trade", "bank-a", "bank-b");
        ReconcileResult result = reconciler.reconcile("trade");
        assertThat(result.outcomes()).containsEntry(Applier.Outcome.DELETED, 1);
        assertThat(namespaces()).containsExactly("trade-bank-a", "trade-bank-b");
    }

    @Test
    void deletingTheConsortiumRemovesEverythingItMade() {
        consortium("trade", "bank-a", "bank-b");
        reconciler.reconcile("trade");
        client.resources(Consortium.class).withName("trade").delete();
        assertThat(client.resources(Consortium.class).withName("trade").get().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(reconciler.reconcile("trade").deleted()).isTrue();
        assertThat(namespaces()).isEmpty();
        assertThat(client.resources(Consortium.class).withName("trade").get()).isNull();
    }

    @Test
    void aPassThatDiesHalfwayConvergesOnTheNextWithNoDuplicates() {
        consortium("trade", "bank-a", "bank-b", "port");
        Applier dying = new DyingApplier(client, 2);
        ConsortiumReconciler broken = new ConsortiumReconciler(client, dying, PLATFORM, Clock.systemUTC());
        assertThatThrownBy(() -> broken.reconcile("trade")).hasMessageContaining("injected");
        Consortium degraded = client.resources(Consortium.class).withName("trade").get();
        assertThat(degraded.getStatus().phase).isEqualTo(Consortium.Status.Phase.DEGRADED);
        assertThat(degraded.getStatus().conditions).filteredOn(c -> c.type.equals("Degraded")).singleElement()
                .satisfies(c -> assertThat(c.message).contains("injected"));

        ReconcileResult resumed = reconciler.reconcile("trade");
        assertThat(resumed.outcomes()).containsEntry(Applier.Outcome.UNCHANGED, 2).containsEntry(Applier.Outcome.CREATED, 4);
        assertThat(namespaces()).containsExactly("trade-bank-a", "trade-bank-b", "trade-port");
        assertThat(client.network().v1().networkPolicies().inAnyNamespace().list().getItems()).hasSize(3);
        List<Namespace> all = client.namespaces().list().getItems();
        assertThat(all).extracting(n -> n.getMetadata().getName()).doesNotHaveDuplicates();
        assertThat(client.resources(Consortium.class).withName("trade").get().getStatus().phase).isEqualTo(Consortium.Status.Phase.READY);
    }
}
