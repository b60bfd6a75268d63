package io.baas.consortium;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.baas.crd.Consortium;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.OrganizationFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invitations through the API as the leader's workspace, the invited workspace and an outsider
 * use them: who may invite, see, decide and withdraw; one decision only; expiry; the member the
 * consortium gains; the history and the audit log.
 */
@QuarkusTest
class InvitationApiTest {

    static final String LEAD = "inv-lead";
    static final String MEMBER = "inv-member";
    static final String OUTSIDER = "inv-outsider";
    static final String CONSORTIUM = "inv-trade";

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(LEAD, MEMBER, OUTSIDER)) {
            fixtures.workspaceWithAdmin(workspace);
        }
        fixtures.user(MEMBER + "-viewer");
        fixtures.workspaceRoleBinding(MEMBER + "-viewer", MEMBER, "viewer");
        KubeSphereFixtures.await(migrator::migrated);
        organization("inv-lead-org", LEAD);
        organization("inv-outsider-org", OUTSIDER);
        if (client.resources(Consortium.class).withName(CONSORTIUM).get() == null) {
            Consortium consortium = new Consortium();
            consortium.getMetadata().setName(CONSORTIUM);
            consortium.setSpec(new Consortium.Spec());
            consortium.getSpec().leader = new Consortium.Member("inv-lead-org", LEAD);
            Consortium.Member leader = new Consortium.Member("inv-lead-org", LEAD);
            leader.peers = 2;
            consortium.getSpec().members.add(leader);
            client.resources(Consortium.class).resource(consortium).create();
        }
    }

    private void organization(String name, String workspace) {
        OrganizationFixtures.applied(client, name, workspace);
    }

    private static Response call(String user, String method, String path, Object body) {
        return BaasApi.call(user, method, "/workspaces/" + path, body);
    }

    private static Response invite(String organization, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("consortium", CONSORTIUM, "organization", organization, "workspace", MEMBER));
        body.putAll(extra);
        return call(LEAD + "-admin", "POST", LEAD + "/invitations", body);
    }

    private static String invited(String organization) {
        Response answer = invite(organization, Map.of());
        answer.then().statusCode(201);
        return answer.path("id");
    }

    private static Response decide(String id, String decision) {
        return call(MEMBER + "-admin", "POST", MEMBER + "/invitations/" + id + "/decisions", Map.of("decision", decision));
    }

    private List<String> members() {
        return client.resources(Consortium.class).withName(CONSORTIUM).get().getSpec().members.stream().map(m -> m.organization).toList();
    }

    @Test
    void theLeaderInvitesAndTheInvitedWorkspaceAccepts() throws Exception {
        organization("inv-bank", MEMBER);
        Response sent = invite("inv-bank", Map.of("peers", 1, "message", "Join the trade network"));
        sent.then().statusCode(201)
                .body("state", equalTo("Pending"))
                .body("direction", equalTo("Sent"))
                .body("invitingWorkspace", equalTo(LEAD))
                .body("workspace", equalTo(MEMBER))
                .body("createdBy", equalTo(LEAD + "-admin"))
                .body("history.action", equalTo(List.of("Invited")));
        String id = sent.path("id");

        call(MEMBER + "-admin", "GET", MEMBER + "/invitations", null).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.direction", equalTo("Received"));
        call(MEMBER + "-viewer", "GET", MEMBER + "/invitations/" + id, null).then().statusCode(200).body("state", equalTo("Pending"));
        // Viewers read; deciding is the admins' (a subresource of its own, granted to no viewer).
        assertError(call(MEMBER + "-viewer", "POST", MEMBER + "/invitations/" + id + "/decisions", Map.of("decision", "Accept")).then(),
                403, "Forbidden");
        // An outsider sees nothing of it: through its own workspace it does not exist, the others' it may not enter.
        assertError(call(OUTSIDER + "-admin", "GET", OUTSIDER + "/invitations/" + id, null).then(), 404, "NotFound");
        assertError(call(OUTSIDER + "-admin", "POST", OUTSIDER + "/invitations/" + id + "/decisions", Map.of("decision", "Accept")).then(),
                404, "NotFound");
        assertError(call(OUTSIDER + "-admin", "GET", MEMBER + "/invitations", null).then(), 403, "Forbidden");
        call(OUTSIDER + "-admin", "GET", OUTSIDER + "/invitations", null).then().statusCode(200)
                .body("items.id", not(hasItem(id)));

        decide(id, "Accept").then().statusCode(200)
                .body("state", equalTo("Accepted"))
                .body("decidedBy", equalTo(MEMBER + "-admin"))
                .body("history.action", equalTo(List.of("Invited", "Accepted")));
        Consortium consortium = client.resources(Consortium.class).withName(CONSORTIUM).get();
        Consortium.Member member = consortium.getSpec().members.stream().filter(m -> m.organization.equals("inv-bank")).findFirst().orElseThrow();
        assertThat(member.workspace).isEqualTo(MEMBER);
        assertThat(member.peers).isEqualTo(1);

        // One decision only.
        assertError(decide(id, "Reject").then(), 409, "Conflict");
        assertError(decide(id, "Accept").then(), 409, "Conflict");
        assertError(call(LEAD + "-admin", "DELETE", LEAD + "/invitations/" + id, null).then(), 409, "Conflict");
        assertError(invite("inv-bank", Map.of()).then(), 409, "Conflict");
        assertThat(members()).filteredOn("inv-bank"::equals).hasSize(1);

        assertThat(audited("POST", "invitations", "")).as("the invitation was audited").isPositive();
        assertThat(audited("POST", "invitations", "decisions")).as("the decisions were audited").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRejectedOrWithdrawnInvitationLeavesTheConsortiumAsItWas() {
        organization("inv-shipper", MEMBER);
        String rejected = invited("inv-shipper");
        decide(rejected, "Reject").then().statusCode(200).body("state", equalTo("Rejected"));
        assertThat(members()).doesNotContain("inv-shipper");

        String withdrawn = invited("inv-shipper");
        call(LEAD + "-admin", "DELETE", LEAD + "/invitations/" + withdrawn, null).then().statusCode(200)
                .body("state", equalTo("Withdrawn"))
                .body("history.action", equalTo(List.of("Invited", "Withdrawn")));
        assertError(decide(withdrawn, "Accept").then(), 409, "Conflict");
        assertThat(members()).doesNotContain("inv-shipper");

        // Both stay on record, with who ended them.
        call(MEMBER + "-admin", "GET", MEMBER + "/invitations/" + rejected, null).then().statusCode(200)
                .body("decidedBy", equalTo(MEMBER + "-admin"));
        call(MEMBER + "-admin", "GET", MEMBER + "/invitations/" + withdrawn, null).then().statusCode(200)
                .body("decidedBy", equalTo(LEAD + "-admin"));
    }

    @Test
    void onlyTheLeaderInvitesAndOnlyTheInvitedWorkspaceDecides() {
        organization("inv-insurer", MEMBER);
        organization("inv-carrier", MEMBER);
        String id = invited("inv-insurer");

        // The invited side cannot withdraw, the inviting side cannot decide.
        assertError(call(MEMBER + "-admin", "DELETE", MEMBER + "/invitations/" + id, null).then(), 403, "Forbidden");
        assertError(call(LEAD + "-admin", "POST", LEAD + "/invitations/" + id + "/decisions", Map.of("decision", "Accept")).then(),
                403, "Forbidden");
        // A workspace that is not in the consortium does not learn it exists; one that is, but does not lead it, may not invite.
        assertError(call(OUTSIDER + "-admin", "POST", OUTSIDER + "/invitations", Map.of("consortium", CONSORTIUM,
                "organization", "inv-carrier", "workspace", MEMBER)).then(), 404, "NotFound");
        decide(id, "Accept").then().statusCode(200);
        assertError(call(MEMBER + "-admin", "POST", MEMBER + "/invitations", Map.of("consortium", CONSORTIUM,
                "organization", "inv-outsider-org", "workspace", OUTSIDER)).then(), 403, "Forbidden");

        // Organizations are found by their workspace: a name alone, or the wrong workspace, finds nothing.
        assertError(call(LEAD + "-admin", "POST", LEAD + "/invitations", Map.of("consortium", CONSORTIUM,
                "organization", "inv-outsider-org", "workspace", MEMBER)).then(), 404, "NotFound");
        assertError(invite("inv-no-such-org", Map.of()).then(), 404, "NotFound");
        assertError(invite("inv-lead-org", Map.of("workspace", LEAD)).then(), 409, "Conflict");
        String open = invited("inv-carrier");
        assertError(invite("inv-carrier", Map.of()).then(), 409, "Conflict");
        call(LEAD + "-admin", "DELETE", LEAD + "/invitations/" + open, null).then().statusCode(200);
    }

    @Test
    void badInputGetsFieldErrors() {
        assertError(invite("Not_A_Name", Map.of()).then(), 400, "BadRequest");
        assertError(invite("inv-bank", Map.of("peers", 9)).then(), 400, "BadRequest");
        assertError(invite("inv-bank", Map.of("message", "x".repeat(501))).then(), 400, "BadRequest");
        assertError(call(LEAD + "-admin", "POST", LEAD + "/invitations", Map.of("organization", "inv-bank")).then(), 400, "BadRequest");
        assertError(call(LEAD + "-admin", "GET", LEAD + "/invitations/not-a-uuid", null).then(), 404, "NotFound");
        assertError(call(LEAD + "-admin", "GET", LEAD + "/invitations?sortBy=color", null).then(), 400, "BadRequest");
        organization("inv-auditor", MEMBER);
        String id = invited("inv-auditor");
        assertError(decide(id, "Maybe").then(), 400, "BadRequest");
        call(LEAD + "-admin", "DELETE", LEAD + "/invitations/" + id, null).then().statusCode(200);
    }

    @Test
    void anExpiredInvitationCannotBeDecidedAndFreesTheOrganizationForANewOne() throws Exception {
        organization("inv-late", MEMBER);
        String id = invited("inv-late");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE consortium_invitation SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid")) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        call(MEMBER + "-admin", "GET", MEMBER + "/invitations/" + id, null).then().statusCode(200).body("state", equalTo("Expired"));
        assertError(decide(id, "Accept").then(), 409, "Conflict");
        assertError(call(LEAD + "-admin", "DELETE", LEAD + "/invitations/" + id, null).then(), 409, "Conflict");
        assertThat(members()).doesNotContain("inv-late");

        String again = invited("inv-late");
        assertThat(again).isNotEqualTo(id);
        call(LEAD + "-admin", "GET", LEAD + "/invitations/" + id, null).then().statusCode(200)
                .body("state", equalTo("Expired"))
                .body("history.action", equalTo(List.of("Invited", "Expired")))
                .body("history.actor", hasItem(InvitationService.SYSTEM));
        decide(again, "Accept").then().statusCode(200).body("state", equalTo("Accepted"));
        assertThat(members()).contains("inv-late");
    }

    @Test
    void ofAnAcceptAndARejectRacingExactlyOneWins() throws Exception {
        organization("inv-racer", MEMBER);
        String id = invited("inv-racer");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String decision : List.of("Accept", "Reject")) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return decide(id, decision).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            String state = call(MEMBER + "-admin", "GET", MEMBER + "/invitations/" + id, null).path("state");
            assertThat(members().contains("inv-racer")).as("member exactly when accepted").isEqualTo(state.equals("Accepted"));
        } finally {
            pool.shutdownNow();
        }
    }

    private long audited(String method, String resource, String subresource) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM audit_log WHERE method = ? AND workspace IN (?, ?)"
                     + " AND resource = ? AND coalesce(subresource, '') = ?")) {
            query.setString(1, method);
            query.setString(2, LEAD);
            query.setString(3, MEMBER);
            query.setString(4, resource);
            query.setString(5, subresource);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aPendingInvitationIsANotificationOfTheInvitedWorkspaceUntilItIsDecided() {
        organization("inv-notified", MEMBER);
        String id = invited("inv-notified");
        Response awaiting = call(MEMBER + "-viewer", "GET", MEMBER + "/notifications", null);
        awaiting.then().statusCode(200);
        List<Map<String, Object>> items = awaiting.path("items");
        assertThat(items).filteredOn(n -> id.equals(n.get("id"))).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("Invitation");
            assertThat(n.get("consortium")).isEqualTo(CONSORTIUM);
            assertThat(n.get("path")).isEqualTo("/workspaces/" + MEMBER + "/invitations/" + id);
            assertThat((String) n.get("summary")).contains(LEAD).contains("inv-notified");
        });
        // The inviting workspace waits on nobody's decision but the other's: nothing for it.
        assertThat(call(LEAD + "-admin", "GET", LEAD + "/notifications", null).<List<String>>path("items.id")).doesNotContain(id);
        assertError(call(OUTSIDER + "-admin", "GET", MEMBER + "/notifications", null).then(), 403, "Forbidden");

        decide(id, "Reject").then().statusCode(200);
        assertThat(call(MEMBER + "-admin", "GET", MEMBER + "/notifications", null).<List<String>>path("items.id")).doesNotContain(id);
    }
}
