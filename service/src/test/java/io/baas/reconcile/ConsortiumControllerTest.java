package io.baas.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Consortium;
import io.baas.support.KubeSphereFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The running service reconciles consortia as they are created and deleted, holding the Lease. */
@QuarkusTest
class ConsortiumControllerTest {

    @Inject
    KubernetesClient client;

    @Test
    void aNewConsortiumGetsItsNamespacesAndADeletedOneLosesThem() {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName("ctl");
        consortium.setSpec(new Consortium.Spec());
        consortium.getSpec().members.add(new Consortium.Member("org-one", "ws-one"));
        consortium.getSpec().members.add(new Consortium.Member("org-two", "ws-two"));
        consortium.getSpec().leader = consortium.getSpec().members.get(0);
        client.resources(Consortium.class).resource(consortium).create();

        KubeSphereFixtures.await(() -> {
            Consortium stored = client.resources(Consortium.class).withName("ctl").get();
            return stored.getStatus() != null && stored.getStatus().phase == Consortium.Status.Phase.READY;
        });
        assertThat(client.namespaces().withName("ctl-org-one").get().getMetadata().getLabels())
                .containsEntry("kubesphere.io/workspace", "ws-one");
        assertThat(client.leases().inNamespace("kubesphere-system").withName(io.baas.reconcile.runtime.ReconcilerRuntime.LEASE).get()).isNotNull();
        // The event follows the pass that wrote the status; a cluster-scoped object's events are in default, as the API server wants.
        KubeSphereFixtures.await(() -> client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> "ctl".equals(e.getInvolvedObject().getName()) && "Reconciled".equals(e.getReason())
                        && e.getInvolvedObject().getNamespace() == null));

        client.resources(Consortium.class).withName("ctl").delete();
        KubeSphereFixtures.await(() -> client.resources(Consortium.class).withName("ctl").get() == null);
        assertThat(client.namespaces().withLabel("baas.io/consortium", "ctl").list().getItems()).isEmpty();
    }
}
