package io.baas.iam;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.config.KubeSphereVersion;
import io.baas.iam.access.AccessReview;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.k8s.KubeSphereKind;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A KubeSphere 3.x platform: users, global and workspace roles in iam.kubesphere.io/v1alpha2,
 * project roles in plain rbac.authorization.k8s.io/v1. The same rules must hold.
 */
@QuarkusTest
@TestProfile(KubeSphere3Test.KubeSphere3.class)
class KubeSphere3Test {

    public static class KubeSphere3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("baas.iam.kubesphere-version", "V3");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    AccessReview access;

    @BeforeEach
    void platform() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-three");
        fixtures.workspace("ws-four");
        fixtures.project("proj-three", "ws-three");
        fixtures.user("tess");
        fixtures.user("otto");
        fixtures.workspaceRoleBinding("tess", "ws-three", "regular");
        fixtures.projectRoleBinding("otto", "proj-three", "operator");
    }

    @Test
    void objectsLiveWhere3xKeepsThem() {
        assertThat(iam.version()).isEqualTo(KubeSphereVersion.V3);
        assertThat(client.genericKubernetesResources("iam.kubesphere.io/v1alpha2", "GlobalRoleBinding").withName("admin").get())
                .isNotNull();
        assertThat(client.genericKubernetesResources("rbac.authorization.k8s.io/v1", "RoleBinding").inNamespace("proj-three")
                .withName("otto-operator").get()).isNotNull();
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("globalrolebindings.iam.kubesphere.io").get()
                .getSpec().getVersions()).extracting(v -> v.getName()).containsExactly("v1alpha2");
    }

    @Test
    void platformAdminAndWorkspaceMembersGetWhatTheirRolesGrant() {
        given().header("Authorization", TestTokens.bearer("admin")).when().get("/kapis/baas.io/v1/consortia").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("tess")).when().get("/kapis/baas.io/v1/workspaces/ws-three/consortia")
                .then().statusCode(200);
        assertError(given().header("Authorization", TestTokens.bearer("tess")).when().get("/kapis/baas.io/v1/workspaces/ws-four/consortia")
                .then(), 403, "Forbidden");
        assertError(given().header("Authorization", TestTokens.bearer("otto")).when().get("/kapis/baas.io/v1/workspaces/ws-three/consortia")
                .then(), 403, "Forbidden");
    }

    @Test
    void kubesphere3HasNoServiceAccountsSoNoAccountTokenIsGood() {
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("serviceaccounts.kubesphere.io").get()).isNull();
        assertError(given().header("Authorization", "Bearer " + TestTokens.serviceAccount("proj-three", "bot"))
                .when().get("/kapis/baas.io/v1/workspaces/ws-three/consortia").then(), 401, "UnknownServiceAccount");
    }

    @Test
    void projectRolesOfPlainKubernetesRbacApplyInTheirNamespace() {
        Caller otto = new Caller("otto", iam.groupsOf("otto"));
        assertThat(access.allowedInNamespace(otto, "get", "peers", "proj-three")).isTrue();
        // Connection profiles are only read: no template grants creating one.
        assertThat(access.allowedInNamespace(otto, "create", "connectionprofiles", "proj-three")).isFalse();
        assertThat(iam.get(KubeSphereKind.ROLE, "proj-three", "operator")).isPresent();
        assertThat(access.workspacesAllowing(new Caller("tess", iam.groupsOf("tess")), "list", "consortia")).isEqualTo(
                new java.util.TreeSet<>(List.of("ws-three")));
    }
}
