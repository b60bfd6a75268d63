package io.baas.consortium;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.baas.crd.Channel;
import io.baas.crd.Consortium;
import io.baas.crd.NodeStatus;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.SandboxRuntimeProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.junit.jupiter.api.Test;

/**
 * The consortium workflow told once, end to end, through the REST API as three users of three
 * workspaces use it, on the sandbox runtime (real gRPC nodes in the service's JVM): each workspace
 * registers its organization; the bank's workspace forms a consortium and invites the shipper
 * (accepted) and the carrier (rejected); the shipper adds a peer, which runs and joins a channel;
 * an application of the shipper's reaches that peer with fabric-gateway using nothing but the
 * connection profile and an identity export; the audit trails hold what happened.
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class ConsortiumStoryTest {

    static final String LEAD = "story-lead";
    static final String MEMBER = "story-member";
    static final String OUTSIDER = "story-outsider";
    static final String CONSORTIUM = "trade";
    static final String MEMBER_NAMESPACE = CONSORTIUM + "-shipper";
    /** Bounds only against a reconciler that never acts: the steps finish as soon as the events arrive. */
    /** The URIs of the API calls in an audit trail (key uses have none). */
    static final String CALLS = "items.findAll { it.kind == 'Request' }.requestURI";
    static final Duration NODES_RUNNING = Duration.ofMinutes(3);

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Test
    void threeWorkspacesFormAConsortiumAndTheMembersApplicationReachesItsPeer() throws Exception {
        tenants();
        registerOrganizations();
        formConsortium();
        inviteTheShipperAndTheCarrier();
        String endpoint = addTheShippersPeer();
        reachThePeerThroughTheConnectionProfile(endpoint);
        readTheAuditTrails();
    }

    private void tenants() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(LEAD, MEMBER, OUTSIDER)) {
            fixtures.workspaceWithAdmin(workspace);
        }
        KubeSphereFixtures.await(migrator::migrated);
    }

    private void registerOrganizations() {
        for (String[] org : new String[][] {{"bank", LEAD, "BankMSP"}, {"shipper", MEMBER, "ShipperMSP"}, {"carrier", OUTSIDER, "CarrierMSP"}}) {
            call(org[1], "POST", "/workspaces/" + org[1] + "/organizations", Map.of("name", org[0], "mspId", org[2],
                    "domain", org[0] + ".example.com")).then().statusCode(201)
                    .body("metadata.name", equalTo(org[0]))
                    .body("spec.workspace", equalTo(org[1]));
            Organization ready = ReconciledOrganizations.ready(client, org[0]);
            assertThat(ready.getSpec().mspId).isEqualTo(org[2]);
        }
        // An organization is its workspace's: another workspace cannot read it by name.
        assertError(call(OUTSIDER, "GET", "/workspaces/" + OUTSIDER + "/organizations/bank", null).then(), 404, "NotFound");
    }

    private void formConsortium() {
        call(LEAD, "POST", "/workspaces/" + LEAD + "/consortia", Map.of("name", CONSORTIUM, "organization", "bank",
                "orderers", 3, "peersPerMember", 1)).then().statusCode(201)
                .body("consortium.spec.leader.organization", equalTo("bank"))
                .body("consortium.spec.orderingService.nodes", equalTo(1))
                .body("notices[0]", containsString("1 orderer, not 3"));
        Consortium stored = client.resources(Consortium.class).withName(CONSORTIUM).get();
        assertThat(stored.getSpec().members).extracting(m -> m.organization).containsExactly("bank");
        assertError(call(LEAD, "POST", "/workspaces/" + LEAD + "/consortia", Map.of("name", CONSORTIUM, "organization", "bank"))
                .then(), 409, "Conflict");
    }

    private void inviteTheShipperAndTheCarrier() {
        String shipper = call(LEAD, "POST", "/workspaces/" + LEAD + "/invitations", Map.of("consortium", CONSORTIUM,
                "organization", "shipper", "workspace", MEMBER, "peers", 0)).then().statusCode(201)
                .body("state", equalTo("Pending")).extract().path("id");
        String carrier = call(LEAD, "POST", "/workspaces/" + LEAD + "/invitations", Map.of("consortium", CONSORTIUM,
                "organization", "carrier", "workspace", OUTSIDER)).then().statusCode(201).extract().path("id");
        // Only the invited workspace decides.
        assertError(call(LEAD, "POST", "/workspaces/" + LEAD + "/invitations/" + shipper + "/decisions",
                Map.of("decision", "Accept")).then(), 403, "Forbidden");

        call(MEMBER, "POST", "/workspaces/" + MEMBER + "/invitations/" + shipper + "/decisions", Map.of("decision", "Accept"))
                .then().statusCode(200).body("state", equalTo("Accepted"));
        call(OUTSIDER, "POST", "/workspaces/" + OUTSIDER + "/invitations/" + carrier + "/decisions", Map.of("decision", "Reject"))
                .then().statusCode(200).body("state", equalTo("Rejected"));
        assertError(call(OUTSIDER, "POST", "/workspaces/" + OUTSIDER + "/invitations/" + carrier + "/decisions",
                Map.of("decision", "Accept")).then(), 409, "Conflict");

        assertThat(client.resources(Consortium.class).withName(CONSORTIUM).get().getSpec().members)
                .extracting(m -> m.organization).containsExactly("bank", "shipper");
        call(MEMBER, "GET", "/workspaces/" + MEMBER + "/consortia/" + CONSORTIUM, null).then().statusCode(200);
        assertError(call(OUTSIDER, "GET", "/workspaces/" + OUTSIDER + "/consortia/" + CONSORTIUM, null).then(), 404, "NotFound");
        KubeSphereFixtures.await(() -> client.namespaces().withName(MEMBER_NAMESPACE).get() != null
                && MEMBER_NAMESPACE.equals(call(MEMBER, "GET", "/workspaces/" + MEMBER + "/consortia/" + CONSORTIUM + "/overview", null)
                        .path("members.find { it.organization == 'shipper' }.namespace")));
    }

    /** The shipper adds peer0 in its namespace; answers its endpoint once the peer runs. */
    private String addTheShippersPeer() {
        call(MEMBER, "POST", "/namespaces/" + MEMBER_NAMESPACE + "/peers", Map.of("name", "peer0")).then().statusCode(201)
                .body("spec.organization", equalTo("shipper"));
        assertError(call(OUTSIDER, "POST", "/namespaces/" + MEMBER_NAMESPACE + "/peers", Map.of("name", "peer9")).then(),
                403, "Forbidden");
        assertError(call(LEAD, "DELETE", "/namespaces/" + MEMBER_NAMESPACE + "/peers/peer0", null).then(), 403, "Forbidden");

        KubeSphereFixtures.await(() -> {
            PeerNode peer = client.resources(PeerNode.class).inNamespace(MEMBER_NAMESPACE).withName("peer0").get();
            return peer != null && peer.getStatus() != null && peer.getStatus().phase == NodeStatus.Phase.RUNNING;
        }, NODES_RUNNING, () -> "peer status: " + io.fabric8.kubernetes.client.utils.Serialization.asJson(
                client.resources(PeerNode.class).inNamespace(MEMBER_NAMESPACE).withName("peer0").get().getStatus()));
        call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/peers/peer0", null).then().statusCode(200)
                .body("status.phase", equalTo("Running"));

        // The bank's channel of both, in its namespace: the shipper's peer joins it; the carrier cannot make one.
        call(LEAD, "POST", "/namespaces/" + CONSORTIUM + "-bank/channels", Map.of("name", "shipping",
                "organizations", List.of("bank", "shipper"))).then().statusCode(201);
        assertError(call(OUTSIDER, "POST", "/namespaces/" + CONSORTIUM + "-bank/channels", Map.of("name", "carrying",
                "organizations", List.of("bank"))).then(), 403, "Forbidden");
        KubeSphereFixtures.await(() -> {
            Channel stored = client.resources(Channel.class).inNamespace(CONSORTIUM + "-bank").withName("shipping").get();
            return stored.getStatus() != null && stored.getStatus().peersJoined.contains("shipper/peer0");
        }, NODES_RUNNING, () -> "channel status: " + io.fabric8.kubernetes.client.utils.Serialization.asJson(
                client.resources(Channel.class).inNamespace(CONSORTIUM + "-bank").withName("shipping").get().getStatus()));
        call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/channels/shipping", null).then().statusCode(200)
                .body("status.peersJoined", hasItem("shipper/peer0"));

        Response profile = call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/connectionprofiles/shipper", null);
        profile.then().statusCode(200)
                .body("mspId", equalTo("ShipperMSP"))
                .body("channels", hasItem("shipping"));
        assertThat(profile.asString()).doesNotContain("PRIVATE KEY");
        assertError(call(OUTSIDER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/connectionprofiles/shipper", null).then(),
                403, "Forbidden");
        return profile.path("gateway.endpoint");
    }

    /** An application of the shipper's: the profile's endpoint, TLS CA and host name, and an exported client identity. */
    private void reachThePeerThroughTheConnectionProfile(String endpoint) throws Exception {
        Response profile = call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/connectionprofiles/shipper", null);
        Map<String, Object> peer = profile.path("profile.peers.'peer0.shipper'");
        assertThat((String) peer.get("url")).isEqualTo("grpcs://" + endpoint);
        String tlsCa = profile.path("gateway.tlsCaCertificate");
        String hostName = profile.path("gateway.hostnameOverride");

        call(MEMBER, "POST", "/workspaces/" + MEMBER + "/organizations/shipper/identities", Map.of("name", "app", "role", "client"))
                .then().statusCode(201);
        Response wallet = call(MEMBER, "POST", "/workspaces/" + MEMBER + "/organizations/shipper/identityexports/app", null);
        wallet.then().statusCode(200);

        ManagedChannel connection = NettyChannelBuilder.forTarget(endpoint,
                        TlsChannelCredentials.newBuilder().trustManager(new ByteArrayInputStream(tlsCa.getBytes(StandardCharsets.US_ASCII))).build())
                .overrideAuthority(hostName)
                .build();
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity("ShipperMSP", Identities.readX509Certificate(new StringReader(wallet.path("certificate")))))
                .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(new StringReader(wallet.path("privateKey")))))
                .connection(connection)
                .connect()) {
            byte[] answer = gateway.getNetwork("shipping").getContract("qscc").evaluateTransaction("GetChainInfo", "shipping");
            assertThat(BlockchainInfo.parseFrom(answer).getHeight()).as("the genesis block at least").isGreaterThanOrEqualTo(1);
        } finally {
            connection.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void readTheAuditTrails() {
        List<String> lead = call(LEAD, "GET", "/workspaces/" + LEAD + "/auditlogs?limit=1000", null).path(CALLS);
        assertThat(lead).anyMatch(uri -> uri.endsWith("/workspaces/" + LEAD + "/consortia"))
                .anyMatch(uri -> uri.endsWith("/workspaces/" + LEAD + "/invitations"))
                .anyMatch(uri -> uri.endsWith("/namespaces/" + CONSORTIUM + "-bank/channels"));
        Response member = call(MEMBER, "GET", "/workspaces/" + MEMBER + "/auditlogs?limit=1000", null);
        assertThat(member.<List<String>>path(CALLS))
                .anyMatch(uri -> uri.endsWith("/decisions"))
                .anyMatch(uri -> uri.endsWith("/namespaces/" + MEMBER_NAMESPACE + "/peers"));
        assertThat(member.<List<String>>path("items.findAll { it.kind == 'KeyUse' }.verb")).contains("export-identity");
        // The carrier's workspace sees its own rejection and nothing of the others' calls.
        List<String> outsider = call(OUTSIDER, "GET", "/workspaces/" + OUTSIDER + "/auditlogs?limit=1000", null).path(CALLS);
        assertThat(outsider).anyMatch(uri -> uri.endsWith("/decisions"))
                .noneMatch(uri -> uri.contains("/workspaces/" + LEAD + "/") || uri.contains("/namespaces/" + MEMBER_NAMESPACE + "/"));
        call(OUTSIDER, "GET", "/workspaces/" + OUTSIDER + "/consortia", null).then().statusCode(200)
                .body("items.metadata.name", not(hasItem(CONSORTIUM)));
    }

    /** As the workspace's admin. */
    private static Response call(String workspace, String method, String path, Object body) {
        return BaasApi.call(workspace + "-admin", method, path, body);
    }
}
