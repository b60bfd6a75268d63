package io.baas.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.crd.Organization;
import io.baas.dev.EmbeddedSeed;
import io.baas.support.KubeSphereFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchedResourcesTest {

    /** The CRUD store, noting each request that is not a watch. */
    static final class CountingDispatcher extends KubernetesCrudDispatcher {
        final List<String> reads = new CopyOnWriteArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if ("GET".equals(request.getMethod()) && !request.getPath().contains("watch=true")) {
                reads.add(request.getPath());
            }
            return super.dispatch(request);
        }
    }

    private final CountingDispatcher dispatcher = new CountingDispatcher();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private WatchedResources<Organization> organizations;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        client.apiextensions().v1().customResourceDefinitions().resource(EmbeddedSeed.baasCrd(Organization.class)).create();
        organizations = new WatchedResources<>(client, Organization.class);
    }

    @AfterEach
    void stop() {
        organizations.close();
        client.close();
        server.destroy();
    }

    private Organization create(String name, String workspace) {
        Organization organization = new Organization();
        organization.getMetadata().setName(name);
        organization.setSpec(new Organization.Spec());
        organization.getSpec().workspace = workspace;
        return client.resource(organization).create();
    }

    @Test
    void onceSyncedReadsAreAnsweredWithoutAskingTheApi() {
        create("org1", "ws1");
        assertThat(organizations.get("org1")).map(o -> o.getSpec().workspace).contains("ws1"); // starts the watch
        awaitUntil(() -> {
            int before = dispatcher.reads.size();
            organizations.get("org1");
            return dispatcher.reads.size() == before;
        });
        int before = dispatcher.reads.size();
        for (int i = 0; i < 100; i++) {
            assertThat(organizations.get("org1")).map(o -> o.getSpec().workspace).contains("ws1");
            assertThat(organizations.list()).extracting(o -> o.getMetadata().getName()).containsExactly("org1");
        }
        assertThat(dispatcher.reads).hasSize(before);
    }

    @Test
    void aResourceTheWatchHasNotDeliveredYetIsReadFromTheApi() {
        create("org1", "ws1");
        awaitUntil(() -> {
            int before = dispatcher.reads.size();
            organizations.get("org1");
            return dispatcher.reads.size() == before;
        });
        // However late the watch, a resource created now is found, and one that never existed is missing.
        create("org2", "ws2");
        assertThat(organizations.get("org2")).map(o -> o.getSpec().workspace).contains("ws2");
        assertThat(organizations.get("org3")).isEmpty();
        assertThat(dispatcher.reads).anyMatch(path -> path.endsWith("/organizations/org3"));
    }

    @Test
    void aChangedOrDeletedResourceReachesTheWatch() {
        create("org1", "ws1");
        organizations.list();
        Organization changed = client.resources(Organization.class).withName("org1").get();
        changed.getSpec().workspace = "ws9";
        client.resource(changed).update();
        awaitUntil(() -> organizations.get("org1").map(o -> o.getSpec().workspace)
                .filter("ws9"::equals).isPresent());
        client.resources(Organization.class).withName("org1").delete();
        awaitUntil(() -> organizations.get("org1").isEmpty()
                && organizations.list().isEmpty());
    }

    /** The bound only turns a hang into a failure; a busy machine may take its time. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        KubeSphereFixtures.await(condition, java.time.Duration.ofMinutes(1));
    }
}
