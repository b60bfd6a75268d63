package io.baas.livechannel;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.crd.Channel;
import io.baas.crd.Condition;
import io.baas.crd.NodeStatus;
import io.baas.crd.Organization;
import io.baas.crd.PeerNode;
import io.baas.fabric.admin.PendingConfigUpdate;
import io.baas.fabric.admin.PendingConfigUpdateFile;
import io.baas.fabric.identity.EcdsaSigner;
import io.baas.fabric.identity.FabricIdentity;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.keyuse.KeyAction;
import io.baas.keyuse.KeyUse;
import io.baas.reconcile.ChannelConfigs;
import io.baas.store.DatabaseMigrator;
import io.baas.store.Db;
import io.baas.support.BaasApi;
import io.baas.support.Edits;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.ReconciledOrganizations;
import io.baas.support.SandboxRuntimeProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.junit.jupiter.api.Test;

/**
 * Multi-organization channel changes through the REST API, as three organizations' admins make
 * them on the sandbox runtime: a channel of two, its peers joined and anchor peers set without
 * anyone asking; a third organization added through a proposal one member signs with its held key
 * and the other with a signature made elsewhere (the CLI's sign over the downloaded file), which
 * the sandbox orderer accepts; a forged signature and a non-member's refused; a proposal
 * superseded by another update, one rejected; and a kubectl-style edit that would need others'
 * signatures leaving the Channel Degraded and unsigned.
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class ProposalStoryTest {

    static final String LEAD = "prop-lead";
    static final String MEMBER = "prop-member";
    static final String THIRD = "prop-third";
    static final String CONSORTIUM = "harvest";
    static final String LEAD_NAMESPACE = CONSORTIUM + "-grain";
    static final String MEMBER_NAMESPACE = CONSORTIUM + "-dock";
    static final String THIRD_NAMESPACE = CONSORTIUM + "-barge";
    static final String CHANNEL = "silo";
    /** Bounds only against a reconciler that never acts: the steps finish as soon as the events arrive. */
    static final Duration NODES_RUNNING = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    ChannelConfigs configs;

    @Test
    void threeOrganizationsChangeAChannelTogether() throws Exception {
        tenantsAndOrganizations();
        aChannelOfTwoWithPeersAndAnchorPeers();
        addTheThirdOrganizationSignedOnlineAndOffline();
        aPeerAddedLaterJoinsOnRequest();
        aProposalSupersededByAnotherUpdate();
        aProposalRejectedByTheMajority();
        submissionsTheServiceDidNotFinish();
        anEditThatNeedsOthersSignaturesLeavesTheChannelDegraded();
        theApplicationCapabilityIsRaisedByTheMembers();
        theSignaturesAreOnRecord();
    }

    private void tenantsAndOrganizations() {
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        for (String workspace : List.of(LEAD, MEMBER, THIRD)) {
            fixtures.workspaceWithAdmin(workspace);
        }
        KubeSphereFixtures.await(migrator::migrated);
        for (String[] org : new String[][] {{"grain", LEAD, "GrainMSP"}, {"dock", MEMBER, "DockMSP"}, {"barge", THIRD, "BargeMSP"}}) {
            call(org[1], "POST", "/workspaces/" + org[1] + "/organizations", Map.of("name", org[0], "mspId", org[2],
                    "domain", org[0] + ".example.com")).then().statusCode(201);
            ReconciledOrganizations.ready(client, org[0]);
        }
        call(LEAD, "POST", "/workspaces/" + LEAD + "/consortia", Map.of("name", CONSORTIUM, "organization", "grain",
                "orderers", 1, "peersPerMember", 1)).then().statusCode(201);
        for (String[] member : new String[][] {{"dock", MEMBER}, {"barge", THIRD}}) {
            String invitation = call(LEAD, "POST", "/workspaces/" + LEAD + "/invitations", Map.of("consortium", CONSORTIUM,
                    "organization", member[0], "workspace", member[1])).then().statusCode(201).extract().path("id");
            call(member[1], "POST", "/workspaces/" + member[1] + "/invitations/" + invitation + "/decisions", Map.of("decision", "Accept"))
                    .then().statusCode(200);
        }
    }

    private void aChannelOfTwoWithPeersAndAnchorPeers() throws Exception {
        // Made at the lower application capability level, raised later by a proposal.
        call(LEAD, "POST", "/namespaces/" + LEAD_NAMESPACE + "/channels", Map.of("name", CHANNEL,
                "organizations", List.of("grain", "dock"), "capabilities", Map.of("application", "V2_0"))).then().statusCode(201);
        awaitChannel(c -> c.getStatus() != null && c.getStatus().phase == Channel.Status.Phase.READY
                && c.getStatus().peersJoined.containsAll(List.of("grain/peer0", "dock/peer0")));
        Config config = configs.current(channel());
        assertThat(anchorPeers(config, "GrainMSP")).as("set without anyone asking").isNotEmpty();
        assertThat(anchorPeers(config, "DockMSP")).isNotEmpty();
        // The third organization is not on the channel: it sees neither the channel nor its proposals.
        assertError(call(THIRD, "GET", "/namespaces/" + THIRD_NAMESPACE + "/channels/" + CHANNEL + "/proposals", null).then(),
                404, "NotFound");
        assertError(call(THIRD, "GET", "/namespaces/" + THIRD_NAMESPACE + "/channels/" + CHANNEL + "/config", null).then(),
                404, "NotFound");
        // Nor may it act in another organization's namespace.
        assertError(call(THIRD, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/proposals", null).then(),
                403, "Forbidden");
    }

    private void addTheThirdOrganizationSignedOnlineAndOffline() throws Exception {
        // The dock proposes; both members' admins must sign (MAJORITY of two).
        Response proposed = call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "AddOrganization", "organization", "barge"));
        proposed.then().statusCode(201)
                .body("state", equalTo("Open"))
                .body("kind", equalTo("AddOrganization"))
                .body("summary", containsString("Add organization barge (BargeMSP)"))
                .body("requiredPolicies", hasItem("/Channel/Application/Admins"))
                .body("signers", containsInAnyOrder("grain", "dock"))
                .body("awaiting", containsInAnyOrder("grain", "dock"))
                .body("changes", hasItem(containsString("BargeMSP")));
        String id = proposed.path("id");
        assertError(call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "AddOrganization", "organization", "grain")).then(),
                400, "BadRequest");
        assertError(call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "Teleport")).then(), 400, "BadRequest");

        // What awaits the grain's workspace.
        call(LEAD, "GET", "/workspaces/" + LEAD + "/notifications", null).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.kind", equalTo("Proposal"))
                .body("items.find { it.id == '" + id + "' }.path", equalTo("/namespaces/" + LEAD_NAMESPACE + "/channels/" + CHANNEL
                        + "/proposals/" + id));

        // The grain signs with the admin the platform holds for it: not enough alone.
        call(LEAD, "POST", signatures(LEAD_NAMESPACE), Map.of("proposal", id)).then().statusCode(201)
                .body("state", equalTo("Open"))
                .body("awaiting", equalTo(List.of("dock")))
                .body("decisions[0].organization", equalTo("grain"))
                .body("decisions[0].method", equalTo("HeldKey"));
        assertError(call(LEAD, "POST", signatures(LEAD_NAMESPACE), Map.of("proposal", id)).then(), 409, "Conflict");

        // The dock signs elsewhere with an admin identity of its own, over the downloaded file, as the CLI's sign does.
        byte[] file = call(MEMBER, "GET", proposals(MEMBER_NAMESPACE) + "/" + id + "/update", null).then().statusCode(200)
                .extract().asByteArray();
        PendingConfigUpdate downloaded = PendingConfigUpdateFile.read(file);
        assertThat(downloaded.signatures()).hasSize(1);
        EcdsaSigner dockAdmin = adminIdentity(MEMBER, "dock", "DockMSP", "offline-admin");
        EcdsaSigner bargeAdmin = adminIdentity(THIRD, "barge", "BargeMSP", "offline-admin");

        // A non-member's signature, a forged one and a member's that is no admin's are refused, and change nothing.
        EcdsaSigner dockClient = identity(MEMBER, "dock", "DockMSP", "offline-client", "client");
        Response notAnAdmin = call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), upload(id, downloaded.signedBy(dockClient)));
        assertError(notAnAdmin.then(), 400, "BadRequest");
        assertThat(notAnAdmin.<String>path("message")).contains("not an admin's");
        assertError(call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), upload(id, downloaded.signedBy(bargeAdmin))).then(), 400, "BadRequest");
        PendingConfigUpdate signed = downloaded.signedBy(dockAdmin);
        assertError(call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), upload(id, forged(signed))).then(), 400, "BadRequest");
        call(MEMBER, "GET", proposals(MEMBER_NAMESPACE) + "/" + id, null).then().body("state", equalTo("Open"))
                .body("decisions", hasSize(1));

        // The genuine one completes the signatures: the orderer accepts the update, the Channel records it.
        Response submitted = call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), upload(id, signed));
        submitted.then().statusCode(201)
                .body("state", equalTo("Submitted"))
                .body("decisions.find { it.organization == 'dock' }.method", equalTo("Uploaded"));
        Config config = configs.current(channel());
        assertThat(config.getSequence()).isEqualTo(submitted.<Integer>path("baseSequence") + 1L)
                .isEqualTo(submitted.<Integer>path("submittedSequence").longValue());
        assertThat(config.getChannelGroup().getGroupsOrThrow("Application").getGroupsMap()).containsKeys("GrainMSP", "DockMSP", "BargeMSP");
        awaitChannel(c -> c.getSpec().organizations.contains("barge") && c.getStatus() != null
                && c.getStatus().peersJoined.contains("barge/peer0") && c.getStatus().phase == Channel.Status.Phase.READY);
        call(THIRD, "GET", "/namespaces/" + THIRD_NAMESPACE + "/channels/" + CHANNEL, null).then().statusCode(200);
        // Its config as the orderer serves it, readable: the third organization with its anchor peer.
        call(THIRD, "GET", "/namespaces/" + THIRD_NAMESPACE + "/channels/" + CHANNEL + "/config", null).then().statusCode(200)
                .body("config.sequence", equalTo(submitted.<Integer>path("submittedSequence")))
                .body("config.organizations.findAll { it.section == 'Application' }.mspId", containsInAnyOrder("GrainMSP", "DockMSP", "BargeMSP"))
                .body("config.organizations.find { it.mspId == 'BargeMSP' }.anchorPeers", hasSize(1))
                .body("config.policies.'Application/Admins'", equalTo("MAJORITY Admins"))
                .body("organizationNames.BargeMSP", equalTo("barge"));
        call(LEAD, "GET", "/workspaces/" + LEAD + "/notifications", null).then()
                .body("items.id", not(hasItem(id)));
    }

    /** The dock's second peer, added after the channel: its own admin joins it now (the reconciler may have been quicker). */
    private void aPeerAddedLaterJoinsOnRequest() {
        String joins = "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/channeljoins";
        call(MEMBER, "GET", joins, null).then().statusCode(200)
                .body("items.find { it.peer == 'peer0' }.state", equalTo("AlreadyJoined"));
        call(MEMBER, "POST", "/namespaces/" + MEMBER_NAMESPACE + "/peers", Map.of("name", "peer1")).then().statusCode(201);
        KubeSphereFixtures.await(() -> {
            PeerNode peer = client.resources(PeerNode.class).inNamespace(MEMBER_NAMESPACE).withName("peer1").get();
            return peer != null && peer.getStatus() != null && peer.getStatus().phase == NodeStatus.Phase.RUNNING;
        }, NODES_RUNNING, () -> "peer1: " + Serialization.asJson(client.resources(PeerNode.class).inNamespace(MEMBER_NAMESPACE)
                .withName("peer1").get()));
        call(MEMBER, "POST", joins, null).then().statusCode(200)
                .body("items.find { it.peer == 'peer1' }.state", isOneOf("Joined", "AlreadyJoined"));
        call(MEMBER, "GET", joins, null).then().statusCode(200)
                .body("items.organization", everyItem(equalTo("dock")))
                .body("items.find { it.peer == 'peer1' }.state", equalTo("AlreadyJoined"));
        // Only from its own namespace: another member cannot join the dock's peers.
        assertError(call(LEAD, "POST", joins, null).then(), 403, "Forbidden");
    }

    private void aProposalSupersededByAnotherUpdate() {
        String waiting = call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "Policies",
                "policies", Map.of("Application/Endorsement", "ANY Endorsement"))).then().statusCode(201)
                .body("signers", containsInAnyOrder("grain", "dock", "barge")).extract().path("id");
        // Block cutting is the ordering organization's (the grain's) alone: its signature submits at once.
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("kind", "Batch");
        batch.put("batch", Map.of("maxMessageCount", 50));
        String cutting = call(LEAD, "POST", proposals(LEAD_NAMESPACE), batch).then().statusCode(201)
                .body("signers", equalTo(List.of("grain"))).extract().path("id");
        // Only those the policies name decide: the dock is not asked.
        assertError(call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), Map.of("proposal", cutting)).then(), 403, "Forbidden");
        call(LEAD, "POST", signatures(LEAD_NAMESPACE), Map.of("proposal", cutting)).then().statusCode(201)
                .body("state", equalTo("Submitted"));
        awaitChannel(c -> c.getSpec().batch != null && c.getSpec().batch.maxMessageCount == 50);
        call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/config", null).then().statusCode(200)
                .body("config.batch.maxMessageCount", equalTo(50));
        // A rule that is no policy is refused before anything is stored.
        assertError(call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "Policies",
                "policies", Map.of("Application/Endorsement", "SOMETIMES Endorsement"))).then(), 400, "BadRequest");

        assertError(call(THIRD, "POST", signatures(THIRD_NAMESPACE), Map.of("proposal", waiting)).then(), 409, "Conflict");
        call(MEMBER, "GET", proposals(MEMBER_NAMESPACE) + "/" + waiting, null).then().statusCode(200)
                .body("state", equalTo("Superseded"))
                .body("stateReason", containsString("moved on"));
    }

    private void aProposalRejectedByTheMajority() {
        String id = call(LEAD, "POST", proposals(LEAD_NAMESPACE), Map.of("kind", "RemoveOrganization", "organization", "barge"))
                .then().statusCode(201).extract().path("id");
        call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), Map.of("proposal", id, "decision", "Reject", "reason", "we ship with them"))
                .then().statusCode(201).body("state", equalTo("Open"));
        call(THIRD, "POST", signatures(THIRD_NAMESPACE), Map.of("proposal", id, "decision", "Reject")).then().statusCode(201)
                .body("state", equalTo("Rejected"))
                .body("decisions.find { it.organization == 'dock' }.reason", equalTo("we ship with them"));
        assertError(call(LEAD, "POST", signatures(LEAD_NAMESPACE), Map.of("proposal", id)).then(), 409, "Conflict");
        assertThat(channel().getSpec().organizations).contains("barge");

        // One not decided in time expires: it is shown so and takes no decision.
        String late = call(LEAD, "POST", proposals(LEAD_NAMESPACE), Map.of("kind", "RemoveOrganization", "organization", "dock"))
                .then().statusCode(201).extract().path("id");
        Db.inTransaction(() -> ProposalEntity.update("expiresAt = ?1 where id = ?2",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), UUID.fromString(late)));
        assertError(call(MEMBER, "POST", signatures(MEMBER_NAMESPACE), Map.of("proposal", late)).then(), 409, "Conflict");
        call(LEAD, "GET", proposals(LEAD_NAMESPACE) + "/" + late, null).then().body("state", equalTo("Expired"));
        // Another channel's spelling of the ID, or a proposal of no channel: 404 as for what does not exist.
        assertError(call(LEAD, "GET", proposals(LEAD_NAMESPACE) + "/" + UUID.randomUUID(), null).then(), 404, "NotFound");
        assertError(call(LEAD, "GET", proposals(LEAD_NAMESPACE) + "/" + late.toUpperCase(java.util.Locale.ROOT), null).then(),
                400, "BadRequest");
    }

    /**
     * The service stopped after claiming a submission: once the claim is stale, the orderer says
     * what happened. Never landed: Open again, and its signer submits it again. Landed: Submitted,
     * and the Channel records it.
     */
    private void submissionsTheServiceDidNotFinish() throws Exception {
        EcdsaSigner grainAdmin = adminIdentity(LEAD, "grain", "GrainMSP", "offline-admin");
        Organization grain = client.resources(Organization.class).withName("grain").get();

        String lost = batchProposal(70);
        stopHalfway(lost, grainAdmin);
        call(LEAD, "GET", proposals(LEAD_NAMESPACE) + "/" + lost, null).then().body("state", equalTo("Open"))
                .body("stateReason", containsString("did not finish"))
                .body("missingPolicies", hasSize(0));
        call(LEAD, "POST", signatures(LEAD_NAMESPACE), Map.of("proposal", lost)).then().statusCode(201)
                .body("state", equalTo("Submitted"));
        awaitChannel(c -> c.getSpec().batch.maxMessageCount == 70);

        String landed = batchProposal(80);
        PendingConfigUpdate signed = stopHalfway(landed, grainAdmin);
        configs.submit(channel(), signed, grain, new KeyUse("grain", ChannelConfigs.platformAdmin(), KeyAction.SIGN_CONFIG_UPDATE,
                "test", "ProposalStoryTest", "the submission the service made before it stopped"));
        call(LEAD, "GET", proposals(LEAD_NAMESPACE) + "/" + landed, null).then().body("state", equalTo("Submitted"));
        awaitChannel(c -> c.getSpec().batch.maxMessageCount == 80 && c.getStatus().phase == Channel.Status.Phase.READY);
    }

    private String batchProposal(int maxMessageCount) {
        return call(LEAD, "POST", proposals(LEAD_NAMESPACE), Map.of("kind", "Batch", "batch", Map.of("maxMessageCount", maxMessageCount)))
                .then().statusCode(201).extract().path("id");
    }

    /** The grain's signature stored and the submission claimed an hour ago, as a service that stopped right then leaves them. */
    private PendingConfigUpdate stopHalfway(String id, EcdsaSigner admin) throws Exception {
        byte[] file = call(LEAD, "GET", proposals(LEAD_NAMESPACE) + "/" + id + "/update", null).then().statusCode(200)
                .extract().asByteArray();
        PendingConfigUpdate signed = PendingConfigUpdateFile.read(file).signedBy(admin);
        DecisionEntity decision = new DecisionEntity();
        decision.proposalId = UUID.fromString(id);
        decision.organization = "grain";
        decision.mspId = "GrainMSP";
        decision.decision = DecisionEntity.SIGNED;
        decision.method = DecisionEntity.UPLOADED;
        decision.signature = signed.signatures().get(signed.signatures().size() - 1).toByteArray();
        decision.actor = LEAD + "-admin";
        decision.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Db.inTransaction(decision::persist);
        Db.inTransaction(() -> ProposalEntity.update("state = ?1, submittingSince = ?2 where id = ?3", ProposalState.SUBMITTING,
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), UUID.fromString(id)));
        return signed;
    }

    /** A direct edit of the Channel (as kubectl would) that needs the members' signatures: the platform signs nothing. */
    private void anEditThatNeedsOthersSignaturesLeavesTheChannelDegraded() {
        long before = configs.current(channel()).getSequence();
        Edits.retryingConflicts(client.resources(Channel.class).inNamespace(LEAD_NAMESPACE).withName(CHANNEL), c -> {
            c.getSpec().policies = new LinkedHashMap<>(Map.of("Application/Endorsement", "ANY Endorsement"));
            return c;
        });
        awaitChannel(c -> c.getStatus() != null && c.getStatus().phase == Channel.Status.Phase.DEGRADED
                && c.getStatus().conditions.stream().anyMatch(ProposalStoryTest::proposalRequired));
        assertThat(configs.current(channel()).getSequence()).isEqualTo(before);
        Edits.retryingConflicts(client.resources(Channel.class).inNamespace(LEAD_NAMESPACE).withName(CHANNEL), c -> {
            c.getSpec().policies = null;
            return c;
        });
        awaitChannel(c -> c.getStatus() != null && c.getStatus().phase == Channel.Status.Phase.READY);
    }

    private void theApplicationCapabilityIsRaisedByTheMembers() {
        String path = "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/config";
        call(MEMBER, "GET", path, null).then().body("config.capabilities.Application", equalTo(List.of("V2_0")));
        String id = call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "Capabilities",
                "capabilities", Map.of("application", "V2_5"))).then().statusCode(201)
                .body("summary", containsString("application V2_0 → V2_5")).extract().path("id");
        call(LEAD, "POST", signatures(LEAD_NAMESPACE), Map.of("proposal", id)).then().statusCode(201).body("state", equalTo("Open"));
        call(THIRD, "POST", signatures(THIRD_NAMESPACE), Map.of("proposal", id)).then().statusCode(201).body("state", equalTo("Submitted"));
        call(MEMBER, "GET", path, null).then().body("config.capabilities.Application", equalTo(List.of("V2_5")));
        awaitChannel(c -> c.getSpec().capabilities.application.equals("V2_5") && c.getStatus().phase == Channel.Status.Phase.READY);
        // Never back down.
        assertError(call(MEMBER, "POST", proposals(MEMBER_NAMESPACE), Map.of("kind", "Capabilities",
                "capabilities", Map.of("application", "V2_0"))).then(), 400, "BadRequest");
    }

    private void theSignaturesAreOnRecord() {
        Response lead = call(LEAD, "GET", "/workspaces/" + LEAD + "/auditlogs?limit=1000", null);
        List<String> details = lead.path("items.findAll { it.kind == 'KeyUse' && it.verb == 'sign-config-update' }.keyUse.detail");
        assertThat(details).anyMatch(d -> d.contains("sign proposal") && d.contains("Add organization barge"));
        List<String> users = lead.path("items.findAll { it.kind == 'KeyUse' && it.verb == 'sign-config-update' }.user.username");
        assertThat(users).contains(LEAD + "-admin");
    }

    private static boolean proposalRequired(Condition condition) {
        return "ProposalRequired".equals(condition.reason);
    }

    private EcdsaSigner adminIdentity(String workspace, String organization, String mspId, String name) throws Exception {
        return identity(workspace, organization, mspId, name, "admin");
    }

    /** A new identity of the organization, exported with its key: what an organization that holds its own keys signs with. */
    private EcdsaSigner identity(String workspace, String organization, String mspId, String name, String role) throws Exception {
        call(workspace, "POST", "/workspaces/" + workspace + "/organizations/" + organization + "/identities",
                Map.of("name", name, "role", role)).then().statusCode(201);
        Response wallet = call(workspace, "POST", "/workspaces/" + workspace + "/organizations/" + organization + "/identityexports/" + name, null);
        wallet.then().statusCode(200);
        return new EcdsaSigner(FabricIdentity.of(mspId, Identities.readX509Certificate(new StringReader(wallet.path("certificate")))),
                Identities.readPrivateKey(new StringReader(wallet.path("privateKey"))));
    }

    /** The signed file as the decision's body carries it. */
    private static Map<String, Object> upload(String proposal, PendingConfigUpdate signed) throws Exception {
        return Map.of("proposal", proposal, "signedUpdate", JSON.readTree(PendingConfigUpdateFile.write(signed)));
    }

    /** The last signature's bytes altered: it no longer verifies. */
    private static PendingConfigUpdate forged(PendingConfigUpdate signed) throws Exception {
        PendingConfigUpdate.Snapshot snapshot = signed.snapshot();
        ConfigUpdateEnvelope envelope = ConfigUpdateEnvelope.parseFrom(snapshot.envelope());
        int last = envelope.getSignaturesCount() - 1;
        byte[] signature = envelope.getSignatures(last).getSignature().toByteArray();
        signature[signature.length - 3] ^= 0x5a;
        ConfigSignature altered = envelope.getSignatures(last).toBuilder()
                .setSignature(com.google.protobuf.ByteString.copyFrom(signature)).build();
        return PendingConfigUpdate.of(new PendingConfigUpdate.Snapshot(snapshot.channelId(), snapshot.config(),
                envelope.toBuilder().setSignatures(last, altered).build().toByteString()));
    }

    private static List<String> anchorPeers(Config config, String mspId) throws Exception {
        ConfigGroup organization = config.getChannelGroup().getGroupsOrThrow("Application").getGroupsOrThrow(mspId);
        if (!organization.getValuesMap().containsKey("AnchorPeers")) {
            return List.of();
        }
        return AnchorPeers.parseFrom(organization.getValuesOrThrow("AnchorPeers").getValue()).getAnchorPeersList().stream()
                .map(p -> p.getHost() + ":" + p.getPort()).toList();
    }

    private Channel channel() {
        return client.resources(Channel.class).inNamespace(LEAD_NAMESPACE).withName(CHANNEL).get();
    }

    private void awaitChannel(java.util.function.Predicate<Channel> condition) {
        KubeSphereFixtures.await(() -> {
            Channel channel = channel();
            return channel != null && condition.test(channel);
        }, NODES_RUNNING, () -> "channel: " + Serialization.asJson(channel()));
    }

    private static String proposals(String namespace) {
        return "/namespaces/" + namespace + "/channels/" + CHANNEL + "/proposals";
    }

    private static String signatures(String namespace) {
        return "/namespaces/" + namespace + "/channels/" + CHANNEL + "/proposalsignatures";
    }

    private static Response call(String workspace, String method, String path, Object body) {
        return BaasApi.call(workspace + "-admin", method, path, body);
    }
}
