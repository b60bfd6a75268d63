package io.baas.consortium;

import static io.baas.support.ApiAssertions.assertError;
import static io.baas.support.BaasApi.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.baas.config.BaasConfig;
import io.baas.crd.Consortium;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.OrganizationFixtures;
import io.baas.support.TestConfig;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consortia through the API: a workspace forms one led by its organization, its members read it
 * and its overview, the leader deletes it (forced while others remain); outsiders learn nothing,
 * names that would clash are refused before anything is written.
 */
@QuarkusTest
class ConsortiumApiTest {

    static final String LEAD = "cs-lead";
    static final String MEMBER = "cs-member";
    static final String OUTSIDER = "cs-outsider";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(LEAD, MEMBER, OUTSIDER)) {
            fixtures.workspaceWithAdmin(workspace);
        }
        fixtures.user("cs-platform-admin");
        fixtures.globalRoleBinding("cs-platform-admin", "platform-admin");
        KubeSphereFixtures.await(migrator::migrated);
        organization("cs-lead-org", LEAD);
        organization("cs-member-org", MEMBER);
        organization("cs-outsider-org", OUTSIDER);
    }

    private void organization(String name, String workspace) {
        OrganizationFixtures.applied(client, name, workspace);
    }


    private static Response create(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "organization", "cs-lead-org"));
        body.putAll(extra);
        return call(LEAD + "-admin", "POST", "/workspaces/" + LEAD + "/consortia", body);
    }

    /** Invites the member's organization and accepts, as the two workspaces do. */
    private static void join(String consortium) {
        String id = call(LEAD + "-admin", "POST", "/workspaces/" + LEAD + "/invitations", Map.of("consortium", consortium,
                "organization", "cs-member-org", "workspace", MEMBER)).then().statusCode(201).extract().path("id");
        call(MEMBER + "-admin", "POST", "/workspaces/" + MEMBER + "/invitations/" + id + "/decisions", Map.of("decision", "Accept"))
                .then().statusCode(200);
    }

    @Test
    void aWorkspaceFormsAConsortiumThatItsMembersReadAndOthersDoNotSee() {
        create("cs-trade", Map.of("displayName", "Trade finance", "fabricVersion", "2.5.5", "orderers", 3,
                "storageClassName", "fast-ssd", "peersPerMember", 2)).then().statusCode(201)
                .body("consortium.metadata.name", equalTo("cs-trade"))
                .body("consortium.spec.leader.organization", equalTo("cs-lead-org"))
                .body("notices", equalTo(List.of()));
        Consortium stored = client.resources(Consortium.class).withName("cs-trade").get();
        assertThat(stored.getSpec().leader.workspace).isEqualTo(LEAD);
        assertThat(stored.getSpec().members).singleElement().satisfies(m -> {
            assertThat(m.organization).isEqualTo("cs-lead-org");
            assertThat(m.peers).isEqualTo(2);
        });
        assertThat(stored.getSpec().orderingService.nodes).isEqualTo(3);
        assertThat(stored.getSpec().placement.storageClassName).isEqualTo("fast-ssd");
        assertThat(stored.getSpec().fabricVersion).isEqualTo("2.5.5");

        call(LEAD + "-admin", "GET", "/workspaces/" + LEAD + "/consortia/cs-trade", null).then().statusCode(200)
                .body("spec.displayName", equalTo("Trade finance"));
        // Before joining, the member's workspace does not know it; an outsider never does.
        assertError(call(MEMBER + "-admin", "GET", "/workspaces/" + MEMBER + "/consortia/cs-trade", null).then(), 404, "NotFound");
        join("cs-trade");
        call(MEMBER + "-admin", "GET", "/workspaces/" + MEMBER + "/consortia/cs-trade", null).then().statusCode(200);
        call(MEMBER + "-admin", "GET", "/workspaces/" + MEMBER + "/consortia", null).then().statusCode(200)
                .body("items.metadata.name", hasItem("cs-trade"));
        assertError(call(OUTSIDER + "-admin", "GET", "/workspaces/" + OUTSIDER + "/consortia/cs-trade", null).then(), 404, "NotFound");
        assertError(call(OUTSIDER + "-admin", "GET", "/workspaces/" + OUTSIDER + "/consortia/cs-trade/overview", null).then(),
                404, "NotFound");
        assertError(call(OUTSIDER + "-admin", "GET", "/workspaces/" + LEAD + "/consortia/cs-trade", null).then(), 403, "Forbidden");
        call(OUTSIDER + "-admin", "GET", "/workspaces/" + OUTSIDER + "/consortia", null).then().statusCode(200)
                .body("items.metadata.name", not(hasItem("cs-trade")));
    }

    @Test
    void theOverviewShowsMembersNamespacesNodesAndWhatHappened() {
        create("cs-view", Map.of("orderers", 1, "peersPerMember", 1)).then().statusCode(201);
        join("cs-view");
        KubeSphereFixtures.await(() -> {
            Response overview = call(MEMBER + "-admin", "GET", "/workspaces/" + MEMBER + "/consortia/cs-view/overview", null);
            List<Object> nodes = overview.path("nodes");
            return overview.statusCode() == 200 && nodes != null && nodes.size() == 3
                    && overview.path("nearestCertificateExpiry") != null;
        }, Duration.ofSeconds(60));
        Response overview = call(LEAD + "-admin", "GET", "/workspaces/" + LEAD + "/consortia/cs-view/overview", null);
        overview.then().statusCode(200)
                .body("leader", equalTo("cs-lead-org"))
                .body("members.organization", equalTo(List.of("cs-lead-org", "cs-member-org")))
                .body("members.namespace", equalTo(List.of("cs-view-cs-lead-org", "cs-view-cs-member-org")))
                .body("nodes.kind", hasItem("OrdererNode"))
                .body("channels", equalTo(List.of()));
        List<Map<String, Object>> nodes = overview.path("nodes");
        assertThat(nodes).extracting(n -> n.get("namespace") + "/" + n.get("name")).containsExactlyInAnyOrder(
                "cs-view-cs-lead-org/peer0", "cs-view-cs-lead-org/orderer0", "cs-view-cs-member-org/peer0");
        assertThat(overview.<List<Object>>path("events")).isNotNull();

        call("cs-platform-admin", "GET", "/fabricnodes", null).then().statusCode(200)
                .body("items.namespace", hasItem("cs-view-cs-member-org"));
        call("cs-platform-admin", "GET", "/organizations", null).then().statusCode(200)
                .body("items.metadata.name", hasItem("cs-outsider-org"));
        assertError(call(LEAD + "-admin", "GET", "/fabricnodes", null).then(), 403, "Forbidden");
    }

    @Test
    void onlyTheLeaderDeletesAndOnlyWithForceWhileMembersRemain() {
        create("cs-gone", Map.of("orderers", 1)).then().statusCode(201);
        join("cs-gone");
        String pending = call(LEAD + "-admin", "POST", "/workspaces/" + LEAD + "/invitations", Map.of("consortium", "cs-gone",
                "organization", "cs-outsider-org", "workspace", OUTSIDER)).then().statusCode(201).extract().path("id");

        assertError(call(MEMBER + "-admin", "DELETE", "/workspaces/" + MEMBER + "/consortia/cs-gone", null).then(), 403, "Forbidden");
        assertError(call(OUTSIDER + "-admin", "DELETE", "/workspaces/" + OUTSIDER + "/consortia/cs-gone", null).then(), 404, "NotFound");
        assertError(call(LEAD + "-admin", "DELETE", "/workspaces/" + LEAD + "/consortia/cs-gone", null).then(), 409, "Conflict");
        assertThat(client.resources(Consortium.class).withName("cs-gone").get().getMetadata().getDeletionTimestamp()).isNull();

        call(LEAD + "-admin", "DELETE", "/workspaces/" + LEAD + "/consortia/cs-gone?force=true", null).then().statusCode(204);
        Consortium deleted = client.resources(Consortium.class).withName("cs-gone").get();
        assertThat(deleted == null || deleted.getMetadata().getDeletionTimestamp() != null).isTrue();
        call(OUTSIDER + "-admin", "GET", "/workspaces/" + OUTSIDER + "/invitations/" + pending, null).then().statusCode(200)
                .body("state", equalTo("Withdrawn"));
    }

    @Test
    void namesThatWouldClashAndBadInputAreRefusedWithNothingWritten() {
        create("cs-twice", Map.of()).then().statusCode(201);
        assertError(create("cs-twice", Map.of()).then(), 409, "Conflict");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("cs-taken-cs-lead-org").endMetadata().build())
                .create();
        assertError(create("cs-taken", Map.of()).then(), 409, "Conflict");
        assertError(create("kube", Map.of()).then(), 400, "BadRequest");
        assertError(create("Not_A_Name", Map.of()).then(), 400, "BadRequest");
        assertError(create("cs-bad", Map.of("orderers", 9)).then(), 400, "BadRequest");
        assertError(create("cs-bad", Map.of("peersPerMember", -1)).then(), 400, "BadRequest");
        assertError(create("cs-bad", Map.of("fabricVersion", "latest")).then(), 400, "BadRequest");
        assertError(create("cs-bad", Map.of("organization", "cs-member-org")).then(), 404, "NotFound");
        assertError(create("cs-bad", Map.of("organization", "cs-no-such-org")).then(), 404, "NotFound");
        List<String> names = new ArrayList<>();
        client.resources(Consortium.class).list().getItems().forEach(c -> names.add(c.getMetadata().getName()));
        assertThat(names).doesNotContain("cs-taken", "kube", "cs-bad");
    }

    @Test
    void onTheSandboxTheOrderingServiceHasOneOrdererAndTheAnswerSaysWhy() {
        BaasConfig sandbox = TestConfig.of(Map.of("baas.runtime.nodes", "sandbox"));
        ConsortiumService service = new ConsortiumService(client, sandbox, null);
        List<String> notices = new ArrayList<>();
        assertThat(service.orderers(3, notices)).isEqualTo(1);
        assertThat(notices).singleElement().asString().contains("1 orderer, not 3");
        List<String> quiet = new ArrayList<>();
        assertThat(service.orderers(null, quiet)).isEqualTo(1);
        assertThat(quiet).isEmpty();
        ConsortiumService cluster = new ConsortiumService(client, TestConfig.of(Map.of()), null);
        assertThat(cluster.orderers(null, quiet)).isEqualTo(ConsortiumService.DEFAULT_ORDERERS);
        assertThat(cluster.orderers(5, quiet)).isEqualTo(5);
    }
}
