package io.baas.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.runtime.NodeRuntime;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.TwoOrganizationChannel;
import io.baas.support.TwoOrganizationChannel.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in: the consortium story on the host runtime with Fabric 2.5's own binaries, for whoever has
 * a release unpacked ({@code FABRIC_HOME}); skipped otherwise (no machine of this project has one,
 * so this has not been run here). Two organizations, an orderer and a peer each started from
 * {@code bin/orderer} and {@code bin/peer}, a channel joined by both peers, the notarization app
 * (each organization's server a process the peers reach through the host's ccaas builder), a digest
 * notarized and verified, all through the REST API.
 */
@QuarkusTest
@TestProfile(RealFabricHostStoryTest.Profile.class)
@EnabledIfEnvironmentVariable(named = "FABRIC_HOME", matches = ".+", disabledReason = "FABRIC_HOME names no Fabric 2.5 release: "
        + "the real-binary host story runs only where one is unpacked (docs/host-runtime.md)")
class RealFabricHostStoryTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Made by the runtime when a node first starts (this profile is read even when the test is skipped).
            String nodes = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "ks-baas-real-fabric-" + java.util.UUID.randomUUID())
                    .toString();
            return Map.of("baas.runtime.nodes", "host", "baas.host.single-tenant", "true", "baas.host.data-dir", nodes,
                    "baas.host.stop-nodes-on-shutdown", "true");
        }
    }

    static final Organization MILL = new Organization("mill", "MillMSP", "real-lead");
    static final Organization BARN = new Organization("barn", "BarnMSP", "real-member");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    NodeRuntime runtime;

    @Test
    void fabricBinariesCarryAChannelAndNotarizeThroughTheApi() {
        assertThat(runtime).isInstanceOf(HostNodeRuntime.class);
        String channelName = "real-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        TwoOrganizationChannel live = TwoOrganizationChannel.create(client, iam, migrator, MILL, BARN, "granary", channelName);
        BaasApi.call(BARN.admin(), "GET", "/namespaces/" + live.namespace(BARN) + "/peers/peer0/health", null).then().statusCode(200)
                .body("health.state", equalTo("Healthy"));

        String channel = live.channelPath(BARN);
        BaasApi.call(BARN.admin(), "POST", channel + "/builtinapps", Map.of("app", "notarization")).then().statusCode(201);
        live.approveAll("notarization", 1);
        io.baas.support.KubeSphereFixtures.await(() -> "Ready".equals(BaasApi.call(BARN.viewer(), "GET", channel + "/builtinapps", null)
                .then().statusCode(200).extract().path("items.find { it.app == 'notarization' }.state")),
                TwoOrganizationChannel.BOUND, () -> "notarization never became Ready on Fabric's binaries");
        String digest = java.util.HexFormat.of().formatHex(io.baas.fabric.Sha256.digest(channelName.getBytes()).toByteArray());
        BaasApi.call(BARN.admin(), "POST", channel + "/evidences", Map.of("digest", digest, "title", "Granary ledger")).then()
                .statusCode(201).body("ownerMspId", equalTo("BarnMSP"));
        BaasApi.call(MILL.viewer(), "POST", live.channelPath(MILL) + "/evidenceverifications", Map.of("digest", digest)).then()
                .statusCode(200).body("recorded", equalTo(true));
    }
}
