package io.baas.livechannel;

import static io.baas.support.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.baas.crd.Chaincode;
import io.baas.fabric.chaincode.CcaasConnection;
import io.baas.fabric.chaincode.CcaasPackageBuilder;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.BaasApi;
import io.baas.support.ConsortiumFixtures;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.OrganizationFixtures;
import io.baas.support.RepositoryUploads;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deploying repository versions on the kubernetes runtime, where each version runs as its own
 * server image under the name its connection.json gives: a version without an image cannot run, and
 * an upgrade to a version naming the same server address is refused, since its servers would
 * replace those of the committed sequence before the new one commits.
 */
@QuarkusTest
class ChaincodeDeploymentApiTest {

    static final String LEAD = "ccd-lead";
    static final String MEMBER = "ccd-member";
    static final String CONSORTIUM = "ccd-trade";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    String leadNamespace;
    String memberNamespace;

    @BeforeEach
    void consortium() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(LEAD, MEMBER)) {
            fixtures.workspaceWithAdmin(workspace);
        }
        fixtures.user(MEMBER + "-reviewer");
        fixtures.workspaceRoleBinding(MEMBER + "-reviewer", MEMBER, "admin");
        OrganizationFixtures.applied(client, "ccd-lead-org", LEAD);
        OrganizationFixtures.applied(client, "ccd-member-org", MEMBER);
        leadNamespace = ConsortiumFixtures.joined(client, CONSORTIUM, "ccd-lead-org", LEAD);
        memberNamespace = ConsortiumFixtures.joined(client, CONSORTIUM, "ccd-member-org", MEMBER);
    }

    @Test
    void eachVersionRunsAsItsOwnImageUnderItsOwnAddress() {
        String channel = "ccd-" + UUID.randomUUID().toString().substring(0, 8);
        BaasApi.call(LEAD + "-admin", "POST", "/namespaces/" + leadNamespace + "/channels", Map.of("name", channel,
                "organizations", List.of("ccd-lead-org", "ccd-member-org"))).then().statusCode(201);
        String repo = "ledger-" + channel;
        approved(repo, "1", "ledger-v1:9999", "registry.example.com/ledger:1");
        approved(repo, "2", "ledger-v1:9999", "registry.example.com/ledger:2");
        approved(repo, "3", "ledger-v3:9999", "registry.example.com/ledger:3");
        approved(repo, "4", "ledger-v4:9999", null);
        String path = "/namespaces/" + memberNamespace + "/channels/" + channel + "/chaincodes";

        assertError(BaasApi.call(MEMBER + "-admin", "POST", path, deployment(repo, "4")).then(), 400, "NoServerImage");
        BaasApi.call(MEMBER + "-admin", "POST", path, deployment(repo, "1")).then().statusCode(201).body("sequence", equalTo(1));
        assertError(BaasApi.call(MEMBER + "-admin", "POST", path, deployment(repo, "2")).then(), 400, "ServerAddressReused");

        // Not committed yet (no peer runs on the API alone): the change keeps sequence 1, to be approved anew.
        awaitObserved(channel);
        BaasApi.call(MEMBER + "-admin", "POST", path, deployment(repo, "3")).then().statusCode(200)
                .body("sequence", equalTo(1)).body("packageRef.version", equalTo("3"));
    }

    private void awaitObserved(String channel) {
        KubeSphereFixtures.await(() -> client.resources(Chaincode.class).inNamespace(leadNamespace).list().getItems().stream()
                .filter(c -> c.getSpec().channel.equals(channel))
                .anyMatch(c -> c.getStatus() != null && c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration)),
                Duration.ofMinutes(2));
    }

    private static Map<String, Object> deployment(String repo, String version) {
        return Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", version));
    }

    /** An approved version whose connection.json names {@code address}, with {@code image} as its server (none when null). */
    private static void approved(String repo, String version, String address, String image) {
        byte[] pkg = CcaasPackageBuilder.build(repo + "_" + version, CcaasConnection.plain(address, "10s"), List.of(), Instant.EPOCH)
                .bytes().toByteArray();
        var request = given().header("Authorization", TestTokens.bearer(MEMBER + "-admin")).contentType("application/gzip")
                .queryParam("version", version).queryParam("language", "go");
        if (image != null) {
            request = request.queryParam("serverImage", image);
        }
        Response uploaded = request.body(pkg).post(BaasApi.PREFIX + RepositoryUploads.path(MEMBER, repo) + "/versions");
        uploaded.then().statusCode(201);
        RepositoryUploads.review(MEMBER + "-reviewer", MEMBER, repo, version, "Approve", "Fine.").then().statusCode(201);
    }
}
