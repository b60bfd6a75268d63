package io.baas.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.baas.crd.NodeStatus;
import io.baas.crd.PeerNode;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.runtime.NodeRuntime;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.HostRuntimeProfile;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TwoOrganizationChannel;
import io.baas.support.TwoOrganizationChannel.Organization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consortium story on the host runtime, all through the REST API: two organizations form a
 * consortium whose orderer and peers run as processes of their own, make a channel, enable the
 * notarization app (each organization's server a process its peers dial), notarize and verify a
 * document's digest; a chaincode server and a peer's process are killed, started again by their
 * supervisor, and serve again.
 */
@QuarkusTest
@TestProfile(HostRuntimeProfile.class)
class HostRuntimeStoryTest {

    static final String CHANNEL = "hosted-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final Organization KILN = new Organization("kiln", "KilnMSP", "host-lead");
    static final Organization LOOM = new Organization("loom", "LoomMSP", "host-member");

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    NodeRuntime runtime;

    @Test
    void aConsortiumOnHostProcessesNotarizesAndHealsAKilledPeer() throws Exception {
        assertThat(runtime).isInstanceOf(HostNodeRuntime.class);
        TwoOrganizationChannel live = TwoOrganizationChannel.create(client, iam, migrator, KILN, LOOM, "workshop", CHANNEL);
        HostNodeRuntime host = (HostNodeRuntime) runtime;
        PeerNode peer = client.resources(PeerNode.class).inNamespace(live.namespace(LOOM)).withName("peer0").get();
        ProcessHandle process = host.process(peer).orElseThrow();
        assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());

        String channel = live.channelPath(LOOM);
        BaasApi.call(LOOM.admin(), "POST", channel + "/builtinapps", Map.of("app", "notarization")).then().statusCode(201);
        live.approveAll("notarization", 1);
        KubeSphereFixtures.await(() -> "Ready".equals(BaasApi.call(LOOM.viewer(), "GET", channel + "/builtinapps", null).then()
                .statusCode(200).extract().path("items.find { it.app == 'notarization' }.state")),
                TwoOrganizationChannel.BOUND, () -> "notarization never became Ready");
        String digest = HexFormat.of().formatHex(io.baas.fabric.Sha256.digest(CHANNEL.getBytes()).toByteArray());
        BaasApi.call(LOOM.admin(), "POST", channel + "/evidences", Map.of("digest", digest, "title", "Kiln schedule")).then()
                .statusCode(201).body("ownerMspId", equalTo("LoomMSP"));
        BaasApi.call(KILN.admin(), "POST", live.channelPath(KILN) + "/evidenceverifications", Map.of("digest", digest)).then()
                .statusCode(200).body("recorded", equalTo(true)).body("evidence.ownerMspId", equalTo("LoomMSP"));

        theNotarizationServerIsAProcessOfTheHost(live, host, channel);
        anUploadedChaincodeWithoutAJarIsRefused(live);
        anUploadedChaincodeRunsFromItsJar(live, host);

        process.destroyForcibly();
        process.onExit().get(java.time.Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        KubeSphereFixtures.await(() -> host.process(peer).filter(p -> p.pid() != process.pid() && p.isAlive()).isPresent(),
                TwoOrganizationChannel.BOUND, () -> "the killed peer was not started again");
        assertThat(host.restarts(peer)).isEqualTo(1);
        String health = "/namespaces/" + live.namespace(LOOM) + "/peers/peer0/health";
        KubeSphereFixtures.await(() -> "Healthy".equals(BaasApi.call(LOOM.admin(), "GET", health, null).then().statusCode(200).extract()
                .path("health.state")), TwoOrganizationChannel.BOUND, () -> "the peer did not come back");
        assertThat(client.resources(PeerNode.class).inNamespace(live.namespace(LOOM)).withName("peer0").get().getStatus().phase)
                .isEqualTo(NodeStatus.Phase.RUNNING);
        // The restarted peer kept its ledger: the evidence is still there through it, once it has loaded the chaincode again.
        KubeSphereFixtures.await(() -> {
            var answer = BaasApi.call(LOOM.viewer(), "POST", channel + "/evidenceverifications", Map.of("digest", digest));
            return answer.statusCode() == 200 && Boolean.TRUE.equals(answer.path("recorded"));
        }, TwoOrganizationChannel.BOUND, () -> "the evidence was not found through the restarted peer");
    }

    /**
     * Each organization's notarization server is a process of its own that its peers dial over TLS,
     * found through the host's server map; killed, it is started again on its port and the peers
     * reach it there, and its log is served.
     */
    private void theNotarizationServerIsAProcessOfTheHost(TwoOrganizationChannel live, HostNodeRuntime host, String channel) throws Exception {
        String namespace = live.namespace(LOOM);
        ProcessHandle server = host.chaincodeServerProcess(namespace, "notarization").orElseThrow();
        assertThat(host.chaincodeServerProcess(live.namespace(KILN), "notarization").orElseThrow().pid()).isNotEqualTo(server.pid());
        assertThat(io.baas.fabric.chaincode.ChaincodeServerMap.read(host.serverMap(namespace))).containsOnlyKeys("notarization." + namespace + ":9999");
        assertThat(BaasApi.call(LOOM.admin(), "GET", "/namespaces/" + namespace + "/chaincodeservers/notarization/logs", null).then()
                .statusCode(200).extract().asString()).contains("serving chaincode notarization_1.0:").contains("with TLS");

        server.destroyForcibly();
        server.onExit().get(java.time.Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        KubeSphereFixtures.await(() -> host.chaincodeServerProcess(namespace, "notarization").filter(p -> p.pid() != server.pid() && p.isAlive())
                .isPresent(), TwoOrganizationChannel.BOUND, () -> "the killed chaincode server was not started again");
        String digest = HexFormat.of().formatHex(io.baas.fabric.Sha256.digest((CHANNEL + "/again").getBytes()).toByteArray());
        // 409: an earlier try was recorded though its answer was lost; either way the peers reached the server.
        KubeSphereFixtures.await(() -> java.util.Set.of(201, 409).contains(BaasApi.call(LOOM.admin(), "POST", channel + "/evidences",
                Map.of("digest", digest, "title", "Again")).statusCode()), TwoOrganizationChannel.BOUND,
                () -> "the peers did not reach the restarted chaincode server");
    }

    /**
     * An uploaded version with a jar: each organization's server a process of its own, found by the
     * bare Service name its package names in that organization's own map, called through the API.
     */
    private void anUploadedChaincodeRunsFromItsJar(TwoOrganizationChannel live, HostNodeRuntime host) {
        String repo = "shelf-" + CHANNEL;
        byte[] jar = io.baas.support.ContractJars.runnable("build 1", io.baas.chaincode.review.fixtures.LedgerContract.class);
        io.baas.support.RepositoryUploads.upload(LOOM.admin(), LOOM.workspace(), repo, "1",
                io.baas.support.ContractJars.packageOf("shelf_1", "shelf.jar", jar)).then().statusCode(201);
        io.baas.support.RepositoryUploads.uploadJar(LOOM.admin(), LOOM.workspace(), repo, "1", jar).then().statusCode(200);
        io.baas.support.RepositoryUploads.review(LOOM.workspace() + "-reviewer", LOOM.workspace(), repo, "1", "Approve", "Fine.").then()
                .statusCode(201);
        BaasApi.call(LOOM.admin(), "POST", live.channelPath(LOOM) + "/chaincodes",
                Map.of("name", "shelf", "packageRef", Map.of("workspace", LOOM.workspace(), "name", repo, "version", "1"))).then().statusCode(201);
        live.approveAll("shelf", 1);
        live.awaitChaincode("shelf", c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed));

        String channel = live.channelPath(LOOM);
        BaasApi.call(LOOM.admin(), "POST", channel + "/chaincodesubmissions", Map.of("chaincode", "shelf",
                "call", Map.of("function", "Put", "arguments", java.util.List.of("bolt", "12 m")))).then().statusCode(200);
        BaasApi.call(KILN.admin(), "POST", live.channelPath(KILN) + "/chaincodeevaluations", Map.of("chaincode", "shelf",
                "call", Map.of("function", "Get", "arguments", java.util.List.of("bolt")))).then().statusCode(200).body("result", equalTo("12 m"));
        for (Organization organization : java.util.List.of(KILN, LOOM)) {
            assertThat(host.chaincodeServerProcess(live.namespace(organization), "chaincode-server")).as(organization.name()).isPresent();
            assertThat(io.baas.fabric.chaincode.ChaincodeServerMap.read(host.serverMap(live.namespace(organization))))
                    .containsKey("chaincode-server:9999");
        }
    }

    /** The host runs a chaincode server from its jar: a version without one is refused with the reason rather than left never ready. */
    private void anUploadedChaincodeWithoutAJarIsRefused(TwoOrganizationChannel live) {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.user(LOOM.workspace() + "-reviewer");
        fixtures.workspaceRoleBinding(LOOM.workspace() + "-reviewer", LOOM.workspace(), "admin");
        String repo = "ledger-" + CHANNEL;
        byte[] pkg = io.baas.fabric.chaincode.CcaasPackageBuilder.build(repo + "_1", io.baas.fabric.chaincode.CcaasConnection.plain(
                "ledger:9999", "10s"), java.util.List.of(), java.time.Instant.EPOCH).bytes().toByteArray();
        io.restassured.RestAssured.given().header("Authorization", io.baas.support.TestTokens.bearer(LOOM.admin()))
                .contentType("application/gzip").queryParam("version", "1").queryParam("language", "go").body(pkg)
                .post(BaasApi.PREFIX + io.baas.support.RepositoryUploads.path(LOOM.workspace(), repo) + "/versions").then().statusCode(201);
        io.baas.support.RepositoryUploads.review(LOOM.workspace() + "-reviewer", LOOM.workspace(), repo, "1", "Approve", "Fine.").then()
                .statusCode(201);

        io.baas.support.ApiAssertions.assertError(BaasApi.call(LOOM.admin(), "POST", live.channelPath(LOOM) + "/chaincodes",
                Map.of("name", "ledger", "packageRef", Map.of("workspace", LOOM.workspace(), "name", repo, "version", "1"))).then(),
                400, "NoJar");
    }
}
