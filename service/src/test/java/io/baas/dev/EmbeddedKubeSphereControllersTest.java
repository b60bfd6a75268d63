package io.baas.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.k8s.KubeSphereKind;
import io.baas.support.KubeSphereFixtures;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Workspaces and projects made directly in the embedded API get KubeSphere's built-in roles. */
@QuarkusTest
class EmbeddedKubeSphereControllersTest {

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Test
    void aNewWorkspaceAndItsManagedNamespaceGetTheirRoles() {
        client.resource(EmbeddedSeed.workspace("ws-by-kubectl")).create();
        KubeSphereFixtures.await(() -> iam.get(KubeSphereKind.WORKSPACE_ROLE, null, "ws-by-kubectl-regular").isPresent());
        KubeSphereFixtures.await(() -> iam.get(KubeSphereKind.WORKSPACE_ROLE, null, "ws-by-kubectl-admin").isPresent());
        assertThat(iam.get(KubeSphereKind.WORKSPACE_ROLE, null, "ws-by-kubectl-regular").get().getMetadata().getLabels())
                .containsEntry("kubesphere.io/workspace", "ws-by-kubectl");

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("proj-by-kubectl")
                .addToLabels("kubesphere.io/workspace", "ws-by-kubectl").addToLabels("kubesphere.io/managed", "true")
                .endMetadata().build()).create();
        // The roles arrive one by one through the informer: wait for each, in any order.
        for (String role : new String[] {"admin", "operator", "viewer"}) {
            KubeSphereFixtures.await(() -> iam.get(KubeSphereKind.ROLE, "proj-by-kubectl", role).isPresent());
        }

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("plain-namespace").endMetadata().build()).create();
        KubeSphereFixtures.await(() -> iam.namespace("plain-namespace").isPresent());
        assertThat(iam.listInNamespace(KubeSphereKind.ROLE, "plain-namespace")).as("not a KubeSphere project").isEmpty();
    }
}
