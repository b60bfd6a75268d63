package io.baas.iam;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.baas.crd.Consortium;
import io.baas.iam.access.AccessReview;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tenancy as users see it: workspaces, their members, groups, and what each may list. */
@QuarkusTest
class AuthorizationTest {

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-a");
        fixtures.workspace("ws-b");
        fixtures.user("alice");
        fixtures.user("bruno");
        fixtures.user("gwen");
        fixtures.workspaceRoleBinding("alice", "ws-a", "regular");
        fixtures.workspaceRoleBinding("bruno", "ws-b", "admin");
        fixtures.groupMember("ws-b-auditors", "gwen", "ws-b");
        fixtures.groupWorkspaceRoleBinding("ws-b-auditors", "ws-b", "viewer");
        consortium("alpha", new Consortium.Member("org-a", "ws-a"), new Consortium.Member("org-x", "ws-x"));
        consortium("beta", new Consortium.Member("org-b", "ws-b"));
        consortium("gamma", new Consortium.Member("org-b2", "ws-b"), new Consortium.Member("org-a2", "ws-a"));
    }

    private void consortium(String name, Consortium.Member leader, Consortium.Member... others) {
        Consortium consortium = new Consortium();
        consortium.getMetadata().setName(name);
        Consortium.Spec spec = new Consortium.Spec();
        spec.leader = leader;
        spec.members = new java.util.ArrayList<>(List.of(leader));
        spec.members.addAll(List.of(others));
        spec.fabricVersion = "2.5.5";
        consortium.setSpec(spec);
        // Made once for the class: the reconciler writes these objects too, so an update here could race it (409).
        if (client.resources(Consortium.class).withName(name).get() == null) {
            client.resources(Consortium.class).resource(consortium).create();
        }
    }

    @Inject
    AccessReview access;

    @Test
    void servicesCanAskWhichWorkspacesACallerMaySee() {
        org.assertj.core.api.Assertions.assertThat(access.workspacesAllowing(new Caller("alice", iam.groupsOf("alice")), "list", "consortia"))
                .containsExactly("ws-a");
        org.assertj.core.api.Assertions.assertThat(access.workspacesAllowing(new Caller("gwen", iam.groupsOf("gwen")), "list", "consortia"))
                .containsExactly("ws-b");
        org.assertj.core.api.Assertions.assertThat(access.workspacesAllowing(new Caller("gwen", iam.groupsOf("gwen")), "create", "consortia"))
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(access.workspacesAllowing(new Caller("admin", iam.groupsOf("admin")), "delete", "consortia"))
                .contains("ws-a", "ws-b", "system-workspace");
    }

    @Test
    void aMemberListsTheConsortiaOfItsOwnWorkspace() {
        given().header("Authorization", TestTokens.bearer("alice"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-a/consortia?sortBy=name&ascending=true")
                .then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.metadata.name", contains("alpha", "gamma"));
    }

    @Test
    void aMemberOfOneWorkspaceCannotListAnothersConsortia() {
        assertError(given().header("Authorization", TestTokens.bearer("alice"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-b/consortia").then(), 403, "Forbidden")
                .body("message", equalTo("User \"alice\" cannot list consortia in workspace ws-b."));
    }

    @Test
    void onlyPlatformAdminsListEveryConsortium() {
        assertError(given().header("Authorization", TestTokens.bearer("bruno"))
                .when().get("/kapis/baas.io/v1/consortia").then(), 403, "Forbidden")
                .body("message", containsString("cannot list consortia at cluster scope"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/consortia")
                .then().statusCode(200)
                .body("items.metadata.name", hasItem("alpha"))
                .body("items.metadata.name", hasItem("beta"))
                .body("items.metadata.name", hasItem("gamma"));
    }

    @Test
    void aGroupBindingGrantsItsMembers() {
        given().header("Authorization", TestTokens.bearer("gwen"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-b/consortia?sortBy=name&ascending=true")
                .then().statusCode(200)
                .body("items.metadata.name", contains("beta", "gamma"));
        assertError(given().header("Authorization", TestTokens.bearer("gwen"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-a/consortia").then(), 403, "Forbidden");
    }

    @Test
    void aMissingWorkspaceIsNotFoundForThoseWhoMayLook() {
        assertError(given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-nowhere/consortia").then(), 404, "NotFound")
                .body("message", equalTo("Workspace ws-nowhere does not exist."));
        // Others learn nothing about which workspaces exist.
        assertError(given().header("Authorization", TestTokens.bearer("alice"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-nowhere/consortia").then(), 403, "Forbidden");
    }

    @Test
    void anInvalidWorkspaceNameIsABadRequest() {
        assertError(given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/workspaces/WS_A/consortia").then(), 400, "BadRequest")
                .body("details[0].field", equalTo("workspace"));
        assertError(given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/workspaces/" + "w".repeat(64) + "/consortia").then(), 400, "BadRequest");
    }

    @Test
    void listsArePagedAndSortedAsKubeSphereDoes() {
        // Workspace ws-a's consortia: other test classes add consortia of their own to the shared cluster.
        given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-a/consortia?sortBy=name&ascending=false&limit=1&page=1")
                .then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.metadata.name", contains("gamma"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-a/consortia?sortBy=name&ascending=false&limit=1&page=2")
                .then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.metadata.name", contains("alpha"));
        assertError(given().header("Authorization", TestTokens.bearer("admin"))
                .when().get("/kapis/baas.io/v1/consortia?limit=ten&sortBy=colour").then(), 400, "BadRequest")
                .body("details.field", contains("limit", "sortBy"));
    }
}
