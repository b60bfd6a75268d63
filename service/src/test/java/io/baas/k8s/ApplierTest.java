package io.baas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baas.k8s.Applier.Outcome;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The applier against the fabric8 mock server in CRUD mode. */
class ApplierTest {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Applier applier;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        applier = new Applier(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static Service service(int port) {
        return new ServiceBuilder().withNewMetadata().withName("peer0").withNamespace("ns").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "peer0")).addNewPort().withName("peer").withPort(port).endPort().endSpec()
                .build();
    }

    @Test
    void createsThenLeavesAloneThenPatches() {
        assertThat(applier.apply(service(7051))).isEqualTo(Outcome.CREATED);
        assertThat(applier.apply(service(7051))).isEqualTo(Outcome.UNCHANGED);
        assertThat(applier.apply(service(7061))).isEqualTo(Outcome.PATCHED);
        assertThat(client.services().inNamespace("ns").withName("peer0").get().getSpec().getPorts())
                .extracting(p -> p.getPort()).as("lists are replaced, not appended to").containsExactly(7061);
        assertThat(applier.apply(service(7061))).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void createNeverTakesOverAnObjectThatExists() {
        client.services().resource(service(9999)).create();
        assertThatThrownBy(() -> applier.create(service(7051))).isInstanceOf(ForeignObjectException.class)
                .hasMessageContaining("ns/peer0");
        assertThat(client.services().inNamespace("ns").withName("peer0").get().getSpec().getPorts())
                .extracting(p -> p.getPort()).containsExactly(9999);
        client.services().inNamespace("ns").withName("peer0").delete();
        assertThat(applier.create(service(7051))).isEqualTo(Outcome.CREATED);
    }

    @Test
    void anExistingObjectThatIsNotOursIsNotPatched() {
        client.services().resource(service(9999)).create();
        String version = client.services().inNamespace("ns").withName("peer0").get().getMetadata().getResourceVersion();
        assertThatThrownBy(() -> applier.apply(service(7051), existing -> false)).isInstanceOf(ForeignObjectException.class);
        assertThat(client.services().inNamespace("ns").withName("peer0").get().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(applier.apply(service(7051), existing -> true)).isEqualTo(Outcome.PATCHED);
    }

    @Test
    void defaultsTheServerAddedDoNotCountAsChanges() {
        applier.apply(service(7051));
        // What a real API server does to a stored Service.
        client.services().inNamespace("ns").withName("peer0").edit(s -> {
            s.getSpec().setClusterIP("10.96.12.34");
            s.getSpec().setType("ClusterIP");
            s.getSpec().setSessionAffinity("None");
            s.getSpec().getPorts().get(0).setProtocol("TCP");
            s.getSpec().getPorts().get(0).setTargetPort(new io.fabric8.kubernetes.api.model.IntOrString(7051));
            return s;
        });
        assertThat(applier.apply(service(7051))).isEqualTo(Outcome.UNCHANGED);
        Outcome changed = applier.apply(service(7052));
        assertThat(changed).isEqualTo(Outcome.PATCHED);
        Service stored = client.services().inNamespace("ns").withName("peer0").get();
        assertThat(stored.getSpec().getPorts().get(0).getPort()).isEqualTo(7052);
        assertThat(stored.getSpec().getClusterIP()).as("a patch keeps what the server owns").isEqualTo("10.96.12.34");
    }

    @Test
    void mergePatchFollowsRfc7386() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(Applier.mergePatch(json.readTree("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":1}"),
                json.readTree("{\"a\":{\"c\":[3]},\"d\":null,\"e\":2}")))
                .isEqualTo(json.readTree("{\"a\":{\"b\":1,\"c\":[3]},\"e\":2}"));
    }

    @Test
    void theHashFollowsContentAndDeleteSaysWhatItDid() {
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("ns").endMetadata()
                .addToData("a", "1").build();
        applier.apply(desired);
        assertThat(Applier.hash(desired)).isEqualTo(Applier.hash(new ConfigMapBuilder(desired).build()));
        assertThat(Applier.hash(desired)).isNotEqualTo(Applier.hash(new ConfigMapBuilder(desired).addToData("b", "2").build()));
        assertThat(applier.delete(desired)).isEqualTo(Outcome.DELETED);
        assertThat(applier.delete(desired)).isEqualTo(Outcome.ABSENT);
        assertThat(applier.apply(new ConfigMapBuilder(desired).build())).isEqualTo(Outcome.CREATED);
    }
}
