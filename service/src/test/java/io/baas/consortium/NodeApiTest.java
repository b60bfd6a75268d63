package io.baas.consortium;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.baas.crd.Consortium;
import io.baas.crd.PeerNode;
import io.baas.crd.StateDatabase;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's nodes and connection profile in its consortium namespace, through the API: the
 * namespace's owner (from the consortium's record) manages its own peers, resizes its orderers and
 * reads its profile; another member and an outsider are refused by the platform's project scope;
 * a namespace no consortium made is not one of ours.
 */
@QuarkusTest
class NodeApiTest {

    static final String WS_A = "nd-a";
    static final String WS_B = "nd-b";
    static final String CONSORTIUM = "nd-net";
    static final String NS_A = CONSORTIUM + "-nd-org-a";
    static final String NS_B = CONSORTIUM + "-nd-org-b";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @BeforeEach
    void network() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(WS_A, WS_B, "nd-out")) {
            fixtures.workspaceWithAdmin(workspace);
        }
        fixtures.user(WS_A + "-viewer");
        fixtures.workspaceRoleBinding(WS_A + "-viewer", WS_A, "viewer");
        fixtures.project("nd-a-plain", WS_A);
        KubeSphereFixtures.await(migrator::migrated);
        for (String[] org : new String[][] {{"nd-org-a", WS_A, "NdOrgAMSP"}, {"nd-org-b", WS_B, "NdOrgBMSP"}}) {
            Response existing = given().header("Authorization", TestTokens.bearer(org[1] + "-admin"))
                    .get("/kapis/baas.io/v1/workspaces/" + org[1] + "/organizations/" + org[0]);
            if (existing.statusCode() == 404) {
                given().header("Authorization", TestTokens.bearer(org[1] + "-admin")).contentType("application/json")
                        .body(Map.of("name", org[0], "mspId", org[2]))
                        .post("/kapis/baas.io/v1/workspaces/" + org[1] + "/organizations").then().statusCode(201);
            }
            ReconciledOrganizations.ready(client, org[0]);
        }
        if (client.resources(Consortium.class).withName(CONSORTIUM).get() == null) {
            Consortium consortium = new Consortium();
            consortium.getMetadata().setName(CONSORTIUM);
            consortium.setSpec(new Consortium.Spec());
            consortium.getSpec().leader = new Consortium.Member("nd-org-a", WS_A);
            Consortium.Member leader = new Consortium.Member("nd-org-a", WS_A);
            leader.peers = 1;
            consortium.getSpec().members.add(leader);
            consortium.getSpec().members.add(new Consortium.Member("nd-org-b", WS_B));
            consortium.getSpec().orderingService = new Consortium.OrderingService();
            consortium.getSpec().orderingService.nodes = 1;
            client.resources(Consortium.class).resource(consortium).create();
        }
        KubeSphereFixtures.await(() -> {
            Consortium stored = client.resources(Consortium.class).withName(CONSORTIUM).get();
            return stored.getStatus() != null && stored.getStatus().namespaces != null && stored.getStatus().namespaces.size() == 2
                    && client.resources(PeerNode.class).inNamespace(NS_A).withName("peer0").get() != null;
        }, Duration.ofSeconds(60));
    }

    private static Response call(String user, String method, String path, Object body) {
        return BaasApi.call(user, method, "/namespaces/" + path, body);
    }

    @Test
    void aMemberAddsResizesAndRemovesItsOwnPeer() {
        Map<String, Object> peer = Map.of("name", "peer7", "stateDatabase", "CouchDB",
                "storage", Map.of("size", "20Gi"), "resources", Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi")));
        call(WS_A + "-admin", "POST", NS_A + "/peers", peer).then().statusCode(201)
                .body("spec.organization", equalTo("nd-org-a"))
                .body("spec.stateDatabase", equalTo("CouchDB"));
        PeerNode stored = client.resources(PeerNode.class).inNamespace(NS_A).withName("peer7").get();
        assertThat(stored.getSpec().stateDatabase).isEqualTo(StateDatabase.COUCHDB);
        assertThat(stored.getSpec().storage.size).isEqualTo("20Gi");
        assertThat(stored.getSpec().resources.getRequests().get("cpu").toString()).isEqualTo("250m");

        call(WS_A + "-viewer", "GET", NS_A + "/peers", null).then().statusCode(200)
                .body("items.metadata.name", hasItem("peer7"));
        call(WS_A + "-admin", "PUT", NS_A + "/peers/peer7", Map.of("storage", Map.of("size", "30Gi"))).then().statusCode(200)
                .body("spec.storage.size", equalTo("30Gi"));
        assertThat(client.resources(PeerNode.class).inNamespace(NS_A).withName("peer7").get().getSpec().resources.getRequests())
                .as("what the change leaves out stays").containsKey("cpu");
        call(WS_A + "-admin", "GET", NS_A + "/peers/peer7/events", null).then().statusCode(200);

        assertError(call(WS_A + "-viewer", "DELETE", NS_A + "/peers/peer7", null).then(), 403, "Forbidden");
        call(WS_A + "-admin", "DELETE", NS_A + "/peers/peer7", null).then().statusCode(204);
        assertThat(client.resources(PeerNode.class).inNamespace(NS_A).withName("peer7").get()).satisfiesAnyOf(
                p -> assertThat(p).isNull(), p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull());
    }

    @Test
    void anotherMemberAndAnOutsiderCannotTouchTheNamespace() {
        for (String user : List.of(WS_B + "-admin", "nd-out-admin")) {
            assertError(call(user, "GET", NS_A + "/peers", null).then(), 403, "Forbidden");
            assertError(call(user, "POST", NS_A + "/peers", Map.of("name", "intruder")).then(), 403, "Forbidden");
            assertError(call(user, "DELETE", NS_A + "/peers/peer0", null).then(), 403, "Forbidden");
            assertError(call(user, "GET", NS_A + "/connectionprofiles/nd-org-a", null).then(), 403, "Forbidden");
        }
        assertThat(client.resources(PeerNode.class).inNamespace(NS_A).withName("intruder").get()).isNull();
        // Member B sees its own namespace, where nothing of A's shows.
        call(WS_B + "-admin", "GET", NS_B + "/peers", null).then().statusCode(200).body("items.metadata.name", not(hasItem("peer0")));
        call(WS_B + "-admin", "GET", NS_B + "/orderers", null).then().statusCode(200).body("totalItems", equalTo(0));
        assertError(call(WS_B + "-admin", "GET", NS_B + "/peers/peer0", null).then(), 404, "NotFound");
    }

    @Test
    void aMemberThatTheConsortiumDeclaresNoPeersForAddsItsOwn() {
        // The leader's declared peer0 is no concern of B's: the name is B's to take in its namespace.
        call(WS_B + "-admin", "POST", NS_B + "/peers", Map.of("name", "peer5")).then().statusCode(201)
                .body("spec.organization", equalTo("nd-org-b"));
        call(WS_B + "-admin", "DELETE", NS_B + "/peers/peer5", null).then().statusCode(204);
    }

    @Test
    void declaredPeersNamesAndBadInputAreRefused() {
        assertError(call(WS_A + "-admin", "DELETE", NS_A + "/peers/peer0", null).then(), 409, "Conflict");
        assertError(call(WS_A + "-admin", "POST", NS_A + "/peers", Map.of("name", "peer0")).then(), 409, "Conflict");
        assertError(call(WS_A + "-admin", "POST", NS_A + "/peers", Map.of("name", "Peer_0")).then(), 400, "BadRequest");
        assertError(call(WS_A + "-admin", "POST", NS_A + "/peers", Map.of("name", "peer8", "storage", Map.of("size", "lots"))).then(),
                400, "BadRequest");
        assertError(call(WS_A + "-admin", "POST", NS_A + "/peers", Map.of("name", "peer8",
                "resources", Map.of("requests", Map.of("gpu", "1")))).then(), 400, "BadRequest");
        assertError(call(WS_A + "-admin", "POST", NS_A + "/peers", Map.of("name", "peer8", "stateDatabase", "Oracle")).then(),
                400, "BadRequest");
        assertThat(client.resources(PeerNode.class).inNamespace(NS_A).withName("peer8").get()).isNull();
        assertError(call(WS_A + "-admin", "GET", NS_A + "/peers/ghost", null).then(), 404, "NotFound");
        // A project of the workspace that no consortium made is not an organization's namespace.
        call(WS_A + "-admin", "GET", "nd-a-plain/peers", null).then().statusCode(200).body("totalItems", equalTo(0));
        assertError(call(WS_A + "-admin", "GET", "nd-a-plain/connectionprofiles/nd-org-a", null).then(), 404, "NotFound");
        // A profile is its namespace's organization's: another organization's name finds nothing there.
        assertError(call(WS_A + "-admin", "GET", NS_A + "/connectionprofiles/nd-org-b", null).then(), 404, "NotFound");
        assertError(call(WS_A + "-admin", "POST", "nd-a-plain/peers", Map.of("name", "peer9")).then(), 404, "NotFound");
    }

    @Test
    void theOrderingOrganizationResizesItsOrderers() {
        KubeSphereFixtures.await(() -> call(WS_A + "-admin", "GET", NS_A + "/orderers", null).<Integer>path("totalItems") == 1,
                Duration.ofSeconds(60));
        call(WS_A + "-admin", "PUT", NS_A + "/orderers/orderer0", Map.of("resources", Map.of("limits", Map.of("memory", "2Gi"))))
                .then().statusCode(200).body("spec.resources.limits.memory", equalTo("2Gi"));
        call(WS_A + "-admin", "GET", NS_A + "/orderers/orderer0/events", null).then().statusCode(200);
        assertError(call(WS_B + "-admin", "PUT", NS_A + "/orderers/orderer0", Map.of("storage", Map.of("size", "1Ti"))).then(),
                403, "Forbidden");
    }

    @Test
    void theConnectionProfileNamesTheOrganizationsPeersAndOrderersAndNoKey() {
        KubeSphereFixtures.await(() -> call(WS_A + "-admin", "GET", NS_A + "/orderers", null).<Integer>path("totalItems") == 1,
                Duration.ofSeconds(60));
        Response answer = call(WS_A + "-admin", "GET", NS_A + "/connectionprofiles/nd-org-a", null);
        answer.then().statusCode(200)
                .body("organization", equalTo("nd-org-a"))
                .body("mspId", equalTo("NdOrgAMSP"))
                .body("profile.organizations.nd-org-a.mspid", equalTo("NdOrgAMSP"))
                .body("profile.organizations.nd-org-a.peers", hasItem("peer0.nd-org-a"))
                .body("gateway.mspId", equalTo("NdOrgAMSP"));
        String tlsCa = client.resources(io.baas.crd.Organization.class).withName("nd-org-a").get().getStatus().tlsCaCertificate;
        Map<String, Object> peer = answer.path("profile.peers.'peer0.nd-org-a'");
        assertThat((String) peer.get("url")).startsWith("grpcs://peer0.").endsWith(":7051");
        assertThat(peer.get("tlsCACerts")).isEqualTo(Map.of("pem", tlsCa));
        assertThat(answer.<Map<String, Object>>path("profile.orderers")).containsKey("orderer0.nd-org-a");
        assertThat(answer.<String>path("profileYaml")).contains("mspid: \"NdOrgAMSP\"").contains("grpcs://peer0.");
        assertThat(answer.<String>path("gateway.snippet")).contains("NettyChannelBuilder.forTarget(\"" + answer.path("gateway.endpoint") + "\")");
        assertThat(answer.asString()).doesNotContain("PRIVATE KEY");

        // Member B's profile names B and the consortium's orderers, none of A's peers.
        Response other = call(WS_B + "-admin", "GET", NS_B + "/connectionprofiles/nd-org-b", null);
        other.then().statusCode(200).body("mspId", equalTo("NdOrgBMSP"));
        assertThat(other.<Map<String, Object>>path("profile.peers")).isEmpty();
        assertThat(other.<Map<String, Object>>path("profile.orderers")).containsKey("orderer0.nd-org-a");
        assertThat(other.<Object>path("gateway")).isNull();
    }
}
