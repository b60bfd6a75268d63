package io.baas.iam;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * No jwtSecret configured: the service follows KubeSphere's own configuration in the cluster and
 * picks up a rotated secret without a restart. Also: proxy headers, trusted in this profile.
 */
@QuarkusTest
@TestProfile(ClusterJwtSecretTest.ClusterSecret.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJwtSecretTest {

    private static final String CONSORTIA = "/kapis/baas.io/v1/consortia";

    public static class ClusterSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("baas.iam.jwt-secret", "", "baas.iam.trust-proxy-headers", "true");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    private static String token(String secret) {
        long now = Instant.now().getEpochSecond();
        return "Bearer " + TestTokens.sign(Map.of("username", "admin", "token_type", "access_token", "iat", now, "exp", now + 600), secret);
    }

    private static int status(String authorization) {
        return given().header("Authorization", authorization).when().get(CONSORTIA).then().extract().statusCode();
    }

    @Test
    @Order(1)
    void withoutAnySecretNoTokenCanBeJudged() {
        KubeSphereFixtures.await(iam::synced);
        assertError(given().header("Authorization", token("anything")).when().get(CONSORTIA).then(), 503, "ServiceUnavailable");
    }

    @Test
    @Order(2)
    void followsKubesphereConfigAcrossLayoutsAndRotations() {
        kubesphereConfig("authentication:\n  issuer:\n    jwtSecret: first\n    accessTokenMaxAge: 2h\n");
        KubeSphereFixtures.await(() -> status(token("first")) == 200);

        // Rotated, and written in the 3.x layout this time.
        kubesphereConfig("authentication:\n  jwtSecret: second\n");
        KubeSphereFixtures.await(() -> status(token("second")) == 200);
        assertError(given().header("Authorization", token("first")).when().get(CONSORTIA).then(), 401, "InvalidSignature");
    }

    @Test
    @Order(3)
    void fallsBackToKubesphereSecret() {
        client.configMaps().inNamespace("kubesphere-system").withName("kubesphere-config").delete();
        client.secrets().resource(new SecretBuilder().withNewMetadata().withNamespace("kubesphere-system").withName("kubesphere-secret")
                .endMetadata().addToData("secret", Base64.getEncoder().encodeToString("third".getBytes())).build()).create();
        KubeSphereFixtures.await(() -> status(token("third")) == 200);
        assertError(given().header("Authorization", token("second")).when().get(CONSORTIA).then(), 401, "InvalidSignature");
    }

    @Test
    @Order(4)
    void trustedProxyHeadersIdentifyTheCaller() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-proxy");
        fixtures.user("quinn");
        fixtures.groupWorkspaceRoleBinding("proxy-readers", "ws-proxy", "viewer");
        given().header("X-Remote-User", "admin").when().get(CONSORTIA).then().statusCode(200);
        assertError(given().header("X-Remote-User", "quinn").when().get("/kapis/baas.io/v1/workspaces/ws-proxy/consortia").then(),
                403, "Forbidden");
        given().header("X-Remote-User", "quinn").header("X-Remote-Group", "system:authenticated")
                .header("X-Remote-Group", "proxy-readers")
                .when().get("/kapis/baas.io/v1/workspaces/ws-proxy/consortia").then().statusCode(200);
        assertError(given().header("X-Remote-User", "ghost").when().get(CONSORTIA).then(), 401, "UnknownUser");
    }

    @Test
    @Order(5)
    void trustedProxyHeadersMayNameAServiceAccountWhileItExists() {
        // ks-apiserver's proxy passes an account's name in X-Remote-User, and no group: it has none.
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspace("ws-proxy-sa");
        fixtures.project("proj-proxy-sa", "ws-proxy-sa");
        fixtures.serviceAccount("proj-proxy-sa", "relay");
        fixtures.serviceAccountWorkspaceRoleBinding("proj-proxy-sa", "relay", "ws-proxy-sa", "viewer");
        String account = "kubesphere:serviceaccount:proj-proxy-sa:relay";
        given().header("X-Remote-User", account).when().get("/kapis/baas.io/v1/workspaces/ws-proxy-sa/consortia").then().statusCode(200);
        assertError(given().header("X-Remote-User", account).when().get(CONSORTIA).then(), 403, "Forbidden");
        fixtures.deleteServiceAccount("proj-proxy-sa", "relay");
        assertError(given().header("X-Remote-User", account).when().get("/kapis/baas.io/v1/workspaces/ws-proxy-sa/consortia").then(),
                401, "UnknownServiceAccount");
        assertError(given().header("X-Remote-User", "kubesphere:serviceaccount:Proxy:relay").when().get(CONSORTIA).then(),
                401, "InvalidServiceAccountName");
    }

    private void kubesphereConfig(String yaml) {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withNamespace("kubesphere-system")
                .withName("kubesphere-config").endMetadata().addToData("kubesphere.yaml", yaml).build())
                .createOr(existing -> existing.update());
    }
}
