package io.baas.support;

import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A live two-organization channel made through the REST API, as tenants make one: two workspaces
 * (each with an admin, the member's also with a viewer), an organization in each, a consortium led
 * by the first with one orderer and one peer per member, the second invited and accepting, and a
 * channel of both, every peer joined. Chaincodes on it are approved by both admins.
 */
public record TwoOrganizationChannel(KubernetesClient client, Organization lead, Organization member, String consortium, String channel) {

    /** Bounds only against a reconciler that never acts: the steps finish as soon as the events arrive. */
    public static final Duration BOUND = Duration.ofMinutes(3);

    /** An organization and the workspace that holds it; its consortium namespace is {@code <consortium>-<name>}. */
    public record Organization(String name, String mspId, String workspace) {

        public String admin() {
            return workspace + "-admin";
        }

        public String viewer() {
            return workspace + "-viewer";
        }
    }

    public static TwoOrganizationChannel create(KubernetesClient client, KubeSphereIam iam, DatabaseMigrator migrator, Organization lead,
                                                Organization member, String consortium, String channel) {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspaceWithAdmin(lead.workspace());
        fixtures.workspaceWithAdmin(member.workspace());
        fixtures.user(member.viewer());
        fixtures.workspaceRoleBinding(member.viewer(), member.workspace(), "viewer");
        KubeSphereFixtures.await(migrator::migrated);
        for (Organization org : List.of(lead, member)) {
            BaasApi.call(org.admin(), "POST", "/workspaces/" + org.workspace() + "/organizations", Map.of("name", org.name(),
                    "mspId", org.mspId(), "domain", org.name() + ".example.com")).then().statusCode(201);
            ReconciledOrganizations.ready(client, org.name());
        }
        BaasApi.call(lead.admin(), "POST", "/workspaces/" + lead.workspace() + "/consortia", Map.of("name", consortium,
                "organization", lead.name(), "orderers", 1, "peersPerMember", 1)).then().statusCode(201);
        String invitation = BaasApi.call(lead.admin(), "POST", "/workspaces/" + lead.workspace() + "/invitations", Map.of(
                "consortium", consortium, "organization", member.name(), "workspace", member.workspace())).then().statusCode(201)
                .extract().path("id");
        BaasApi.call(member.admin(), "POST", "/workspaces/" + member.workspace() + "/invitations/" + invitation + "/decisions",
                Map.of("decision", "Accept")).then().statusCode(200);
        TwoOrganizationChannel live = new TwoOrganizationChannel(client, lead, member, consortium, channel);
        BaasApi.call(lead.admin(), "POST", "/namespaces/" + live.namespace(lead) + "/channels", Map.of("name", channel,
                "organizations", List.of(lead.name(), member.name()))).then().statusCode(201);
        KubeSphereFixtures.await(() -> {
            Channel created = client.resources(Channel.class).inNamespace(live.namespace(lead)).withName(channel).get();
            return created != null && created.getStatus() != null && created.getStatus().phase == Channel.Status.Phase.READY
                    && created.getStatus().peersJoined.containsAll(List.of(lead.name() + "/peer0", member.name() + "/peer0"));
        }, BOUND, () -> "channel not ready");
        return live;
    }

    public String namespace(Organization organization) {
        return consortium + "-" + organization.name();
    }

    /** {@code /namespaces/<organization's namespace>/channels/<channel>}. */
    public String channelPath(Organization organization) {
        return "/namespaces/" + namespace(organization) + "/channels/" + channel;
    }

    /** Both admins approve the chaincode's definition at this sequence, exactly as the approvals show it. */
    public void approveAll(String chaincode, long sequence) {
        awaitChaincode(chaincode, c -> c.getSpec().sequence == sequence && c.getStatus() != null
                && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
        String hash = BaasApi.call(lead.admin(), "GET", channelPath(lead) + "/chaincodeapprovals", null)
                .path("items.find { it.chaincode == '" + chaincode + "' }.definitionHash");
        for (Organization org : List.of(lead, member)) {
            BaasApi.call(org.admin(), "POST", channelPath(org) + "/chaincodeapprovals",
                    Map.of("chaincode", chaincode, "sequence", sequence, "definitionHash", hash)).then().statusCode(201);
        }
    }

    public void awaitChaincode(String name, java.util.function.Predicate<Chaincode> condition) {
        KubeSphereFixtures.await(() -> {
            Chaincode chaincode = chaincode(name);
            return chaincode != null && condition.test(chaincode);
        }, BOUND, () -> "chaincode: " + Serialization.asJson(chaincode(name)));
    }

    public Chaincode chaincode(String name) {
        return client.resources(Chaincode.class).inNamespace(namespace(lead)).list().getItems().stream()
                .filter(c -> name.equals(c.getSpec().name)).findFirst().orElse(null);
    }
}
