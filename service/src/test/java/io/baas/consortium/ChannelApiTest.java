package io.baas.consortium;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.baas.crd.Channel;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.support.BaasApi;
import io.baas.support.ConsortiumFixtures;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.OrganizationFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channels through the API, from the organizations' consortium namespaces: the leader creates one of
 * members only; the organizations on it read it from their own namespace; another member, an
 * organization not on it and an outsider cannot create or see what is not theirs; bad input is
 * refused with field errors and leaves nothing behind.
 */
@QuarkusTest
class ChannelApiTest {

    static final String LEAD = "ch-lead";
    static final String MEMBER = "ch-member";
    static final String THIRD = "ch-third";
    static final String CONSORTIUM = "ch-net";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    String leadNamespace;
    String memberNamespace;
    String thirdNamespace;

    @BeforeEach
    void consortium() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(LEAD, MEMBER, THIRD, "ch-out")) {
            fixtures.workspaceWithAdmin(workspace);
        }
        fixtures.user(MEMBER + "-viewer");
        fixtures.workspaceRoleBinding(MEMBER + "-viewer", MEMBER, "viewer");
        OrganizationFixtures.applied(client, "ch-lead-org", LEAD);
        OrganizationFixtures.applied(client, "ch-member-org", MEMBER);
        OrganizationFixtures.applied(client, "ch-third-org", THIRD);
        leadNamespace = ConsortiumFixtures.joined(client, CONSORTIUM, "ch-lead-org", LEAD);
        memberNamespace = ConsortiumFixtures.joined(client, CONSORTIUM, "ch-member-org", MEMBER);
        thirdNamespace = ConsortiumFixtures.joined(client, CONSORTIUM, "ch-third-org", THIRD);
    }

    private static Response call(String user, String method, String path, Object body) {
        return BaasApi.call(user, method, "/namespaces/" + path, body);
    }

    private Channel stored(String name) {
        return client.resources(Channel.class).inNamespace(leadNamespace).withName(name).get();
    }

    @Test
    void theLeaderCreatesAChannelThatItsOrganizationsReadFromTheirOwnNamespaces() {
        call(LEAD + "-admin", "POST", leadNamespace + "/channels", Map.of("name", "trade-docs",
                "organizations", List.of("ch-lead-org", "ch-member-org"), "batch", Map.of("timeout", "1s", "maxMessageCount", 50),
                "policies", Map.of("Application/Endorsement", "ANY Endorsement"), "capabilities", Map.of("application", "V2_0")))
                .then().statusCode(201)
                .body("spec.channelId", equalTo("trade-docs"))
                .body("spec.consortium", equalTo(CONSORTIUM));
        Channel channel = stored("trade-docs");
        assertThat(channel.getSpec().organizations).containsExactly("ch-lead-org", "ch-member-org");
        assertThat(channel.getSpec().batch.timeout).isEqualTo("1s");
        assertThat(channel.getSpec().batch.maxMessageCount).isEqualTo(50);
        assertThat(channel.getSpec().batch.absoluteMaxBytes).as("what is left out keeps Fabric's default").isEqualTo(99L * 1024 * 1024);
        assertThat(channel.getSpec().policies).containsExactly(Map.entry("Application/Endorsement", "ANY Endorsement"));
        assertThat(channel.getSpec().capabilities.application).isEqualTo("V2_0");
        assertThat(channel.getSpec().capabilities.channel).as("what is left out is Fabric 2.5's highest").isEqualTo("V2_0");

        call(MEMBER + "-viewer", "GET", memberNamespace + "/channels", null).then().statusCode(200)
                .body("items.metadata.name", hasItem("trade-docs"));
        call(MEMBER + "-admin", "GET", memberNamespace + "/channels/trade-docs", null).then().statusCode(200)
                .body("spec.organizations", equalTo(List.of("ch-lead-org", "ch-member-org")));
        // A member not on the channel does not see it, by list or by name.
        call(THIRD + "-admin", "GET", thirdNamespace + "/channels", null).then().statusCode(200)
                .body("items.metadata.name", not(hasItem("trade-docs")));
        assertError(call(THIRD + "-admin", "GET", thirdNamespace + "/channels/trade-docs", null).then(), 404, "NotFound");

        assertError(call(LEAD + "-admin", "POST", leadNamespace + "/channels", Map.of("name", "trade-docs",
                "organizations", List.of("ch-lead-org"))).then(), 409, "Conflict");
    }

    @Test
    void onlyTheLeaderCreatesAndOnlyInItsNamespace() {
        Map<String, Object> body = Map.of("name", "side-deal", "organizations", List.of("ch-member-org", "ch-third-org"));
        assertError(call(MEMBER + "-admin", "POST", memberNamespace + "/channels", body).then(), 403, "Forbidden");
        assertError(call(MEMBER + "-viewer", "POST", memberNamespace + "/channels", body).then(), 403, "Forbidden");
        for (String user : List.of(MEMBER + "-admin", "ch-out-admin")) {
            assertError(call(user, "POST", leadNamespace + "/channels", body).then(), 403, "Forbidden");
            assertError(call(user, "GET", leadNamespace + "/channels", null).then(), 403, "Forbidden");
        }
        assertThat(client.resources(Channel.class).inAnyNamespace().list().getItems())
                .noneMatch(c -> c.getMetadata().getName().equals("side-deal"));
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndNothingIsCreated() {
        String path = leadNamespace + "/channels";
        String lead = LEAD + "-admin";
        assertError(call(lead, "POST", path, Map.of("name", "Bad_Name", "organizations", List.of("ch-lead-org"))).then(),
                400, "BadRequest");
        assertError(call(lead, "POST", path, Map.of("name", "empty", "organizations", List.of())).then(), 400, "BadRequest");
        Response outsider = call(lead, "POST", path, Map.of("name", "foreign", "organizations", List.of("ch-lead-org", "nobody-org")));
        assertError(outsider.then(), 400, "BadRequest");
        assertThat(outsider.<List<String>>path("details.field")).containsExactly("body.organizations[1]");
        assertError(call(lead, "POST", path, Map.of("name", "twice", "organizations", List.of("ch-lead-org", "ch-lead-org"))).then(),
                400, "BadRequest");
        assertError(call(lead, "POST", path, Map.of("name", "slow", "organizations", List.of("ch-lead-org"),
                "batch", Map.of("timeout", "soon"))).then(), 400, "BadRequest");
        assertError(call(lead, "POST", path, Map.of("name", "lopsided", "organizations", List.of("ch-lead-org"),
                "batch", Map.of("absoluteMaxBytes", 2048, "preferredMaxBytes", 4096))).then(), 400, "BadRequest");
        Response badRule = call(lead, "POST", path, Map.of("name", "lawless", "organizations", List.of("ch-lead-org"),
                "policies", Map.of("Application/Endorsement", "SOMETIMES Endorsement")));
        assertError(badRule.then(), 400, "BadRequest");
        assertThat(badRule.<List<String>>path("details.field")).containsExactly("body.policies.Application/Endorsement");
        assertError(call(lead, "POST", path, Map.of("name", "pathless", "organizations", List.of("ch-lead-org"),
                "policies", Map.of("Peer/Endorsement", "ANY Endorsement"))).then(), 400, "BadRequest");
        assertError(call(lead, "POST", path, Map.of("name", "futuristic", "organizations", List.of("ch-lead-org"),
                "capabilities", Map.of("channel", "V3_0"))).then(), 400, "BadRequest");
        for (String name : List.of("empty", "foreign", "twice", "slow", "lopsided", "lawless", "pathless", "futuristic")) {
            assertThat(stored(name)).as(name).isNull();
        }
        assertError(call(lead, "GET", path + "/ghost", null).then(), 404, "NotFound");
    }
}
