package io.baas.livechannel;

import static io.baas.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.baas.crd.Chaincode;
import io.baas.crd.Channel;
import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.store.DatabaseMigrator;
import io.baas.support.BaasApi;
import io.baas.support.ContractJars;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.RepositoryUploads;
import io.baas.support.SandboxRuntimeProfile;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A chaincode deployed on a two-organization channel through the REST API on the sandbox runtime,
 * as the organizations' admins do it: refused definitions; the platform's notarization package
 * deployed at sequence 1, approved by each organization's admin for exactly the definition shown
 * (never by the platform on its own), committed; a policy-only change at sequence 2 without anyone
 * typing it; a change before the commit kept at its sequence and approved anew; a third party's
 * uploaded jar, approved by a reviewer who did not upload it, deployed, invoked (served by a process
 * of its own), upgraded to version 2 (sequence 2), its policy changed (3) and rolled back (4); every
 * approval and commit a key use on record; then a private data collection of one organization
 * (sequence 5), written with transient data, read only by its members, its hash on both peers.
 */
@QuarkusTest
@TestProfile(SandboxRuntimeProfile.class)
class ChaincodeDeploymentStoryTest {

    static final String LEAD = "dep-lead";
    static final String MEMBER = "dep-member";
    static final String CONSORTIUM = "orchard";
    static final String LEAD_NAMESPACE = CONSORTIUM + "-apple";
    static final String MEMBER_NAMESPACE = CONSORTIUM + "-pear";
    /** Its own each run: consents (PostgreSQL) outlive the embedded cluster, and they name the channel. */
    static final String CHANNEL = "press-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    /** Bounds only against a reconciler that never acts: the steps finish as soon as the events arrive. */
    static final Duration BOUND = Duration.ofMinutes(3);

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    io.baas.runtime.NodeRuntime runtime;

    @Inject
    io.baas.apps.ChannelCalls calls;

    io.baas.support.TwoOrganizationChannel live;

    @Test
    void twoOrganizationsDeployApproveAndUpgradeAChaincode() throws Exception {
        tenantsOrganizationsAndChannel();
        definitionsThePlatformRefuses();
        theBuiltInIsDeployedAndApprovedByEachOrganization();
        aPolicyChangeIsTheNextSequence();
        aChangeBeforeTheCommitKeepsItsSequence();
        usersCallTheChaincodeWithIdentitiesTheirOrganizationHoldsForThem();
        anUploadedChaincodeRunsAsItsOwnProcessAndUpgrades();
        theApprovalsAreKeyUsesOnRecord();
    }

    private void tenantsOrganizationsAndChannel() {
        live = io.baas.support.TwoOrganizationChannel.create(client, iam, migrator,
                new io.baas.support.TwoOrganizationChannel.Organization("apple", "AppleMSP", LEAD),
                new io.baas.support.TwoOrganizationChannel.Organization("pear", "PearMSP", MEMBER), CONSORTIUM, CHANNEL);
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.user(MEMBER + "-reviewer");
        fixtures.workspaceRoleBinding(MEMBER + "-reviewer", MEMBER, "admin");
    }

    private void definitionsThePlatformRefuses() {
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(), "initRequired", true)).then(),
                400, "InitNotSupported");
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "endorsementPolicy", "AND('AppleMSP.peer',")).then(), 400, "BadRequest");
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "collections", List.of(Map.of("name", "_hidden", "policy", "OR('AppleMSP.member')")))).then(), 400, "BadRequest");
        // What every organization's peer would refuse, in the peers' words.
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "collections", List.of(Map.of("name", "crates", "policy", "OR('AppleMSP.member','PlumMSP.member')")))).then(), 400, "BadRequest")
                .body("details.message", org.hamcrest.Matchers.hasItem("collection-name: crates -- collection member 'PlumMSP' is not part of"
                        + " the channel"));
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "collections", List.of(Map.of("name", "crates", "policy", "AND('AppleMSP.member','PearMSP.member')")))).then(), 400, "BadRequest")
                .body("details.message", org.hamcrest.Matchers.hasItem("collection-name: crates -- error in member org policy: signature policy"
                        + " is not an OR concatenation, NOutOf 2"));
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef",
                Map.of("workspace", LEAD, "name", "anything", "version", "1.0"))).then(), 403, "Forbidden");
        // An uploaded version deploys only once approved.
        String name = "pending-" + CHANNEL;
        RepositoryUploads.upload(MEMBER + "-admin", MEMBER, name, "1.0", ContractJars.packageWithoutJar(name + "_1.0"))
                .then().statusCode(201);
        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef",
                Map.of("workspace", MEMBER, "name", name, "version", "1.0"))).then(), 409, "NotApproved");
        assertError(call(MEMBER + "-viewer", "POST", "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/chaincodes",
                Map.of("name", "notes", "packageRef", builtIn())).then(), 403, "Forbidden");
        assertThat(chaincodes()).isEmpty();
    }

    private void theBuiltInIsDeployedAndApprovedByEachOrganization() {
        deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn())).then().statusCode(201)
                .body("sequence", equalTo(1)).body("version", equalTo("1.0"));
        awaitChaincode(c -> c.getStatus() != null && c.getStatus().phase == Chaincode.Status.Phase.AWAITING_CONSENT
                && c.getStatus().awaitingConsent.containsAll(List.of("apple", "pear")));
        Response approvals = approvals(LEAD, LEAD_NAMESPACE);
        approvals.then().statusCode(200).body("items[0].sequence", equalTo(1))
                .body("items[0].organizations.state", equalTo(List.of("AwaitingConsent", "AwaitingConsent")));
        String hash = approvals.path("items[0].definitionHash");
        assertError(approve(LEAD, LEAD_NAMESPACE, 1, "0".repeat(64)).then(), 409, "DefinitionChanged");
        assertError(approve(LEAD, LEAD_NAMESPACE, 2, hash).then(), 409, "DefinitionChanged");
        assertError(call(MEMBER + "-viewer", "POST", "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/chaincodeapprovals",
                Map.of("chaincode", "notes", "sequence", 1, "definitionHash", hash)).then(), 403, "Forbidden");

        approve(LEAD, LEAD_NAMESPACE, 1, hash).then().statusCode(201);
        // One organization's consent approves for that one only: the channel waits for the other.
        awaitChaincode(c -> c.getStatus() != null && c.getStatus().approvedBy.contains("apple"));
        assertThat(chaincode().getStatus().committed).isNotEqualTo(Boolean.TRUE);
        approvals(MEMBER, MEMBER_NAMESPACE).then().body("items[0].organizations.find { it.organization == 'apple' }.state",
                equalTo("Approved")).body("items[0].organizations.find { it.organization == 'pear' }.state", equalTo("AwaitingConsent"));

        approve(MEMBER, MEMBER_NAMESPACE, 1, hash).then().statusCode(201);
        // Committed; the sandbox's peers run the built-in themselves, so no server Deployment ever turns ready here.
        awaitChaincode(c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed));
        call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/chaincodes/notes", null).then().statusCode(200)
                .body("committed", equalTo(true)).body("phase", equalTo("Committed")).body("approvedBy", equalTo(List.of("apple", "pear")));
        // Asked again for the same definition: nothing changes.
        deploy(LEAD, LEAD_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn())).then().statusCode(200).body("sequence", equalTo(1));
    }

    private void aPolicyChangeIsTheNextSequence() {
        deploy(LEAD, LEAD_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "endorsementPolicy", "OR('AppleMSP.peer', 'PearMSP.peer')")).then().statusCode(200).body("sequence", equalTo(2));
        approveAll(2);
        awaitChaincode(c -> c.getSpec().sequence == 2 && c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed)
                && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
    }

    private void aChangeBeforeTheCommitKeepsItsSequence() {
        deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "endorsementPolicy", "AND('AppleMSP.peer', 'PearMSP.peer')")).then().statusCode(200).body("sequence", equalTo(3));
        awaitChaincode(c -> c.getStatus() != null && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
        String before = approvals(LEAD, LEAD_NAMESPACE).path("items[0].definitionHash");
        approve(LEAD, LEAD_NAMESPACE, 3, before).then().statusCode(201);
        deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "notes", "packageRef", builtIn(),
                "endorsementPolicy", "/Channel/Application/Endorsement")).then().statusCode(200).body("sequence", equalTo(3));
        String after = approvals(LEAD, LEAD_NAMESPACE).path("items[0].definitionHash");
        assertThat(after).isNotEqualTo(before);
        // The earlier consent was for another definition: the lead is asked again.
        approvals(LEAD, LEAD_NAMESPACE).then().body("items[0].organizations.state",
                equalTo(List.of("AwaitingConsent", "AwaitingConsent")));
        approveAll(3);
        awaitChaincode(c -> c.getSpec().sequence == 3 && c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed)
                && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
    }

    /**
     * The service calls the chaincode for a user: signed with a client identity Pear holds for that
     * user (issued on first use, another for another user), endorsed as the policy asks, on record;
     * the chaincode's refusal is its own code as a 4xx.
     */
    private void usersCallTheChaincodeWithIdentitiesTheirOrganizationHoldsForThem() throws Exception {
        io.baas.iam.Caller admin = new io.baas.iam.Caller(MEMBER + "-admin", java.util.Set.of());
        io.baas.iam.Caller viewer = new io.baas.iam.Caller(MEMBER + "-viewer", java.util.Set.of());
        String digest = java.util.HexFormat.of().formatHex(io.baas.fabric.Sha256.digest(("orchard lease " + CHANNEL)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toByteArray());
        var record = new io.baas.apps.ChannelCalls.Call("notes", "RecordEvidence", List.of("SHA-256", digest, "orchard lease", "{}"), Map.of());

        var committed = calls.submit(MEMBER_NAMESPACE, CHANNEL, record, admin);
        var evidence = new com.fasterxml.jackson.databind.ObjectMapper().readTree(committed.result());
        assertThat(evidence.path("ownerMspId").asText()).isEqualTo("PearMSP");
        String adminIdentity = io.baas.organization.UserIdentity.nameFor(admin.username());
        assertThat(evidence.path("ownerId").asText()).contains("CN=" + adminIdentity);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> calls.submit(MEMBER_NAMESPACE, CHANNEL, record, admin))
                .isInstanceOfSatisfying(io.baas.error.DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(io.baas.error.ErrorKind.CONFLICT);
                    assertThat(e.reason()).isEqualTo("EVIDENCE_EXISTS");
                });

        var verified = new com.fasterxml.jackson.databind.ObjectMapper().readTree(calls.evaluate(MEMBER_NAMESPACE, CHANNEL,
                new io.baas.apps.ChannelCalls.Call("notes", "VerifyEvidence", List.of("SHA-256", digest), Map.of()), viewer));
        assertThat(verified.path("exists").asBoolean()).isTrue();
        assertThat(verified.path("txId").asText()).isEqualTo(committed.transactionId());
        // Its receipt, read through the organization's peer as any reader of the channel, holds offline for the document only.
        var receipt = io.baas.fabric.receipt.EvidenceReceipt.fromJson(calls.receipt(MEMBER_NAMESPACE, CHANNEL, "notes", "SHA-256", digest,
                committed.transactionId(), true, viewer).toJson());
        assertThat(receipt.blockNumber()).isEqualTo(committed.blockNumber());
        byte[] document = ("orchard lease " + CHANNEL).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(io.baas.fabric.receipt.ReceiptVerifier.verify(receipt, java.util.Optional.of(document), java.util.Optional.empty()))
                .allSatisfy(check -> assertThat(check.outcome()).as(check.toString()).isEqualTo(io.baas.fabric.receipt.ReceiptCheck.Outcome.PASSED));
        assertThat(io.baas.fabric.receipt.ReceiptVerifier.holds(io.baas.fabric.receipt.ReceiptVerifier.verify(receipt,
                java.util.Optional.of("another lease".getBytes(java.nio.charset.StandardCharsets.UTF_8)), java.util.Optional.empty()))).isFalse();
        call(MEMBER, "GET", "/workspaces/" + MEMBER + "/organizations/pear/identities", null).then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.hasItems(adminIdentity, io.baas.organization.UserIdentity.nameFor(viewer.username())));
        Response log = call(MEMBER, "GET", "/workspaces/" + MEMBER + "/auditlogs?limit=1000", null);
        List<String> users = log.path("items.findAll { it.kind == 'KeyUse' && it.verb == 'submit-transaction' }.user.username");
        assertThat(users).contains(admin.username());
        assertThat((List<String>) log.path("items.findAll { it.kind == 'KeyUse' && it.verb == 'evaluate-transaction' }.user.username"))
                .contains(viewer.username());
    }

    /** Submissions by who may write, evaluations by whoever sees the project, each as the caller's own identity of its organization. */
    /**
     * The uploaded package's server writes its output as a container would; its organization reads
     * it by the server's name, no one else does; a built-in's server runs inside the sandbox peers,
     * which the answer says; a Deployment of another name made by hand is not a server.
     */
    private void theServersLogIsReadByItsOrganization() {
        String ledger = serverOf(chaincode("ledger").getStatus().packageId);
        String logs = "/namespaces/" + MEMBER_NAMESPACE + "/chaincodeservers/" + ledger + "/logs";
        call(MEMBER + "-viewer", "GET", "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL + "/chaincodes/ledger", null).then()
                .statusCode(200).body("server", equalTo(ledger));
        String lines = call(MEMBER + "-viewer", "GET", logs, null).then().statusCode(200).extract().asString();
        assertThat(lines).as("the shim's start, as the process wrote it").isNotBlank();
        assertThat(call(MEMBER, "GET", logs + "?tailLines=1", null).then().statusCode(200).extract().asString().lines())
                .containsExactly(lines.lines().reduce((first, second) -> second).orElseThrow());
        assertError(call(LEAD, "GET", logs, null).then(), 403, "Forbidden");
        assertError(call(MEMBER, "GET", "/namespaces/" + LEAD_NAMESPACE + "/chaincodeservers/" + ledger + "/logs", null).then(), 403,
                "Forbidden");
        assertError(call(MEMBER, "GET", logs + "?tailLines=-1", null).then(), 400, "BadRequest");
        assertError(call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/chaincodeservers/no-such-server/logs", null).then(), 404,
                "NotFound");
        String builtIn = serverOf(chaincode().getStatus().packageId);
        assertError(call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/chaincodeservers/" + builtIn + "/logs", null).then(), 409,
                "Conflict").body("message", org.hamcrest.Matchers.containsString("runs inside the peers"));
        client.apps().deployments().inNamespace(MEMBER_NAMESPACE).resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("hand-made").withNamespace(MEMBER_NAMESPACE).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "hand-made").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "hand-made").endMetadata()
                .withNewSpec().addNewContainer().withName("chaincode").withImage("example/other").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        assertError(call(MEMBER, "GET", "/namespaces/" + MEMBER_NAMESPACE + "/chaincodeservers/hand-made/logs", null).then(), 404,
                "NotFound");
    }

    /** The name of the member's server Deployment that runs a package. */
    private String serverOf(String packageId) {
        return client.apps().deployments().inNamespace(MEMBER_NAMESPACE).withLabel(io.baas.k8s.build.ChaincodeServerBuilder.SERVER_LABEL)
                .list().getItems().stream().filter(d -> packageId.equals(io.baas.k8s.build.ChaincodeServerBuilder.chaincodeId(d)))
                .map(d -> d.getMetadata().getName()).findFirst().orElseThrow(() -> new AssertionError("no server runs " + packageId));
    }

    private void theConsoleCallsTheChaincodeAsItsUsers() {
        String channel = "/namespaces/" + MEMBER_NAMESPACE + "/channels/" + CHANNEL;
        Map<String, Object> put = Map.of("chaincode", "ledger", "call", Map.of("function", "Put", "arguments", List.of("shelf", "3 pears")));
        Map<String, Object> get = Map.of("chaincode", "ledger", "call", Map.of("function", "Get", "arguments", List.of("shelf")));
        call(MEMBER + "-viewer", "POST", channel + "/chaincodesubmissions", put).then().statusCode(403);
        int block = call(MEMBER, "POST", channel + "/chaincodesubmissions", put).then().statusCode(200)
                .body("txId", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")).body("result", equalTo(""))
                .extract().path("blockNumber");
        assertThat(block).isPositive();
        call(MEMBER + "-viewer", "POST", channel + "/chaincodeevaluations", get).then().statusCode(200)
                .body("result", equalTo("3 pears")).body("resultBase64", equalTo(java.util.Base64.getEncoder()
                        .encodeToString("3 pears".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .body("txId", org.hamcrest.Matchers.nullValue());
        // Another organization's project, a function the chaincode lacks, a malformed call: each refused in its own words.
        call(LEAD, "POST", channel + "/chaincodeevaluations", get).then().statusCode(403);
        io.baas.support.ApiAssertions.assertError(call(MEMBER, "POST", channel + "/chaincodeevaluations",
                Map.of("chaincode", "ledger", "call", Map.of("function", "Steal"))).then(), 400, "ChaincodeError")
                .body("message", equalTo("Undefined contract method called"));
        io.baas.support.ApiAssertions.assertError(call(MEMBER, "POST", channel + "/chaincodesubmissions",
                Map.of("chaincode", "no such", "call", Map.of("function", "Put", "transient", Map.of("value", "%%")))).then(), 400, "BadRequest")
                .body("details.field", org.hamcrest.Matchers.hasItem("body.chaincode"));
        io.baas.support.ApiAssertions.assertError(call(MEMBER, "POST", channel + "/chaincodesubmissions",
                Map.of("chaincode", "ledger", "call", Map.of("function", "Put", "arguments", List.of("k", "v"),
                        "transient", Map.of("value", "%%")))).then(), 400, "BadRequest")
                .body("details[0].field", equalTo("body.call.transient.value"));
    }

    private void theApprovalsAreKeyUsesOnRecord() {
        Response log = call(LEAD, "GET", "/workspaces/" + LEAD + "/auditlogs?limit=1000", null);
        List<String> approvals = log.path("items.findAll { it.kind == 'KeyUse' && it.verb == 'approve-chaincode' }.keyUse.detail");
        assertThat(approvals).anyMatch(d -> d.contains("notes 1.0 sequence 1")).anyMatch(d -> d.contains("notes 1.0 sequence 3"));
        List<String> commits = log.path("items.findAll { it.kind == 'KeyUse' && it.verb == 'commit-chaincode' }.keyUse.detail");
        assertThat(commits).isNotEmpty();
    }

    private void approveAll(long sequence) {
        approveAll("notes", sequence);
    }

    private void approveAll(String name, long sequence) {
        live.approveAll(name, sequence);
    }

    /** Uploaded, reviewed by someone else, deployed, approved by both, committed, invoked: served by a process of its own. */
    private void anUploadedChaincodeRunsAsItsOwnProcessAndUpgrades() throws Exception {
        String repo = "ledger-" + CHANNEL;
        for (String version : List.of("1", "2")) {
            byte[] jar = ContractJars.runnable("build " + version, io.baas.chaincode.review.fixtures.LedgerContract.class);
            RepositoryUploads.upload(MEMBER + "-admin", MEMBER, repo, version, ContractJars.packageOf("ledger_" + version, "ledger.jar", jar))
                    .then().statusCode(201);
            RepositoryUploads.uploadJar(MEMBER + "-admin", MEMBER, repo, version, jar).then().statusCode(200)
                    .body("report.findings.size()", equalTo(0));
            RepositoryUploads.review(MEMBER + "-reviewer", MEMBER, repo, version, "Approve", "Reviewed.").then().statusCode(201);
        }
        Map<String, Object> ledger1 = Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", "1"));
        deploy(MEMBER, MEMBER_NAMESPACE, ledger1).then().statusCode(201).body("sequence", equalTo(1));
        approveAll("ledger", 1);
        awaitChaincode("ledger", c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed));

        String channelId = client.resources(Channel.class).inNamespace(LEAD_NAMESPACE).withName(CHANNEL).get().getSpec().channelId;
        try (var connections = new io.baas.fabric.gateway.GatewayConnections()) {
            var gateway = new io.baas.fabric.gateway.FabricGateway(connections, new io.baas.fabric.gateway.GatewaySettings(
                    Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofSeconds(20), Duration.ofSeconds(60), 3, Duration.ofMillis(200)));
            var app = clientOf("pear", MEMBER);
            var peer = peerOf("pear", MEMBER_NAMESPACE);
            gateway.submit(app, peer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Put", "crate", "42 apples"));
            assertThat(new String(gateway.evaluate(app, peer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Get", "crate")),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("42 apples");
            assertThat(chaincodeProcesses("ledger.jar")).as("served by a java -jar process, not the service's JVM").isEqualTo(1);
            theServersLogIsReadByItsOrganization();
            theConsoleCallsTheChaincodeAsItsUsers();

            // Version 2: the next sequence without anyone typing it; the state stays.
            deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", "2")))
                    .then().statusCode(200).body("sequence", equalTo(2)).body("version", equalTo("2"));
            approveAll("ledger", 2);
            awaitChaincode("ledger", c -> c.getSpec().sequence == 2 && c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed)
                    && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
            gateway.submit(app, peer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Put", "crate", "43 apples"));
            assertThat(new String(gateway.evaluate(app, peer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Get", "crate")),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("43 apples");
            assertThat(chaincodeProcesses("ledger.jar")).as("version 2's process too").isEqualTo(2);

            // Only the endorsement policy changes: sequence 3.
            deploy(LEAD, LEAD_NAMESPACE, Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", "2"),
                    "endorsementPolicy", "OR('AppleMSP.peer', 'PearMSP.peer')")).then().statusCode(403);
            deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", "2"),
                    "endorsementPolicy", "OR('AppleMSP.peer', 'PearMSP.peer')")).then().statusCode(200).body("sequence", equalTo(3));
            approveAll("ledger", 3);
            awaitChaincode("ledger", c -> c.getSpec().sequence == 3 && c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed)
                    && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
            gateway.submit(app, peer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Put", "crate", "44 apples"));

            // A rollback is a new sequence with the old version.
            deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", "1"),
                    "endorsementPolicy", "OR('AppleMSP.peer', 'PearMSP.peer')")).then().statusCode(200).body("sequence", equalTo(4))
                    .body("version", equalTo("1"));
            approveAll("ledger", 4);
            awaitChaincode("ledger", c -> c.getSpec().sequence == 4 && c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed)
                    && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));
            assertThat(new String(gateway.evaluate(app, peer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Get", "crate")),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("44 apples");
            assertThat(chaincode("ledger").getStatus().approvalsBySequence).as("approvals per sequence")
                    .containsEntry("1", List.of("apple", "pear")).containsEntry("2", List.of("apple", "pear"))
                    .containsEntry("4", List.of("apple", "pear"));

            aPrivateDataCollectionKeepsPearsCratesFromApple(gateway, channelId, repo, app, peer);
        }
    }

    /**
     * Sequence 5 adds a collection of Pear only: Pear's application sends a value as transient data,
     * Pear's peer keeps it, Apple's peer keeps only its hash and refuses Apple's member; dropping the
     * collection later is refused as every peer would refuse it.
     */
    private void aPrivateDataCollectionKeepsPearsCratesFromApple(io.baas.fabric.gateway.FabricGateway gateway, String channelId, String repo,
                                                                 io.baas.fabric.identity.Signer pearApp, io.baas.fabric.gateway.GatewayPeer pearPeer) {
        Map<String, Object> crates = Map.of("name", "pearCrates", "policy", "OR('PearMSP.member')", "maxPeerCount", 1, "blockToLive", 2,
                "memberOnlyRead", true, "memberOnlyWrite", true, "endorsementPolicy", Map.of("signaturePolicy", "OR('PearMSP.member')"));
        Map<String, Object> withCrates = Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo, "version", "1"),
                "endorsementPolicy", "OR('AppleMSP.peer', 'PearMSP.peer')", "collections", List.of(crates));
        deploy(MEMBER, MEMBER_NAMESPACE, withCrates).then().statusCode(200).body("sequence", equalTo(5))
                .body("collections[0].name", equalTo("pearCrates"));
        approveAll("ledger", 5);
        awaitChaincode("ledger", c -> c.getSpec().sequence == 5 && c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().committed)
                && c.getStatus().observedGeneration.equals(c.getMetadata().getGeneration()));

        long written = gateway.submit(pearApp, pearPeer, withValue(io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger",
                "PutPrivate", "pearCrates", "lot-1"), "7 crates of Comice")).blockNumber();
        assertThat(text(gateway.evaluate(pearApp, pearPeer, io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "GetPrivate",
                "pearCrates", "lot-1")))).isEqualTo("7 crates of Comice");

        var appleApp = clientOf("apple", LEAD);
        var applePeer = peerOf("apple", LEAD_NAMESPACE);
        String hash = java.util.HexFormat.of().formatHex(io.baas.fabric.Sha256.digest("7 crates of Comice".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toByteArray());
        KubeSphereFixtures.await(() -> hash.equals(text(gateway.evaluate(appleApp, applePeer,
                io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "PrivateHash", "pearCrates", "lot-1")))),
                BOUND, () -> "Apple's peer never got the hash");
        // The shim turns the peer's refusal (memberOnlyRead) into its generic error; the value never left Pear.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gateway.evaluate(appleApp, applePeer,
                io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "GetPrivate", "pearCrates", "lot-1")))
                .hasMessageContaining("Unsuccessful response received.");

        // Apple's implicit collection carries an offer from Pear to Apple, endorsed by Apple (its organization's policy).
        long last = gateway.submit(pearApp, pearPeer, withValue(io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger",
                "PutPrivate", "_implicit_org_AppleMSP", "offer"), "3 crates at 20").endorsedBy("AppleMSP")).blockNumber();
        KubeSphereFixtures.await(() -> "3 crates at 20".equals(text(gateway.evaluate(appleApp, applePeer,
                io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "GetPrivate", "_implicit_org_AppleMSP", "offer")))),
                BOUND, () -> "Apple never got Pear's offer");

        // blockToLive 2: written in block b, readable while blocks up to b + 2 commit, purged when b + 3 does.
        var tick = io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "Put", "tick", "t");
        var lot = io.baas.fabric.gateway.FabricGateway.Call.of(channelId, "ledger", "GetPrivate", "pearCrates", "lot-1");
        while (last < written + 2) {
            last = gateway.submit(pearApp, pearPeer, tick).blockNumber();
        }
        if (last == written + 2) {
            assertThat(text(gateway.evaluate(pearApp, pearPeer, lot))).isEqualTo("7 crates of Comice");
            last = gateway.submit(pearApp, pearPeer, tick).blockNumber();
        }
        assertThat(last).isGreaterThanOrEqualTo(written + 3);
        assertThat(text(gateway.evaluate(pearApp, pearPeer, lot))).as("purged").isEmpty();

        assertError(deploy(MEMBER, MEMBER_NAMESPACE, Map.of("name", "ledger", "packageRef", Map.of("workspace", MEMBER, "name", repo,
                "version", "1"), "endorsementPolicy", "OR('AppleMSP.peer', 'PearMSP.peer')")).then(), 400, "BadRequest")
                .body("details.message", org.hamcrest.Matchers.hasItem(
                        "the proposed collection config does not contain previously defined collections"));
    }

    private static io.baas.fabric.gateway.FabricGateway.Call withValue(io.baas.fabric.gateway.FabricGateway.Call call, String value) {
        return new io.baas.fabric.gateway.FabricGateway.Call(call.channel(), call.chaincode(), call.function(), call.arguments(),
                Map.of("value", value.getBytes(java.nio.charset.StandardCharsets.UTF_8)), call.endorsingOrganizations());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long chaincodeProcesses(String jar) {
        return ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("-jar") && command.contains(jar)).count();
    }

    /** A client identity of the organization, issued and exported through the API as an application's developer does. */
    private io.baas.fabric.identity.Signer clientOf(String organization, String workspace) {
        String base = "/workspaces/" + workspace + "/organizations/" + organization;
        call(workspace, "POST", base + "/identities", Map.of("name", "app", "role", "client")).then().statusCode(201);
        Response wallet = call(workspace, "POST", base + "/identityexports/app", null);
        wallet.then().statusCode(200);
        return new io.baas.fabric.identity.EcdsaSigner(io.baas.fabric.identity.FabricIdentity.of(wallet.path("mspId"),
                io.baas.pki.Pem.certificate(wallet.path("certificate"))), io.baas.pki.Pem.privateKey(wallet.path("privateKey")));
    }

    private io.baas.fabric.gateway.GatewayPeer peerOf(String organization, String namespace) {
        io.baas.crd.PeerNode peer = client.resources(io.baas.crd.PeerNode.class).inNamespace(namespace).list().getItems().get(0);
        var address = runtime.peerAddress(peer).orElseThrow();
        io.baas.crd.Organization org = client.resources(io.baas.crd.Organization.class).withName(organization).get();
        return new io.baas.fabric.gateway.GatewayPeer(address.host(), address.port(), io.baas.pki.Pem.certificates(org.getStatus().tlsCaCertificate));
    }

    private static Map<String, String> builtIn() {
        return Map.of("name", "notarization", "version", "1.0");
    }

    private List<Chaincode> chaincodes() {
        return client.resources(Chaincode.class).inNamespace(LEAD_NAMESPACE).list().getItems();
    }

    private Chaincode chaincode() {
        return chaincode("notes");
    }

    private Chaincode chaincode(String name) {
        return chaincodes().stream().filter(c -> name.equals(c.getSpec().name)).findFirst().orElse(null);
    }

    private void awaitChaincode(Predicate<Chaincode> condition) {
        awaitChaincode("notes", condition);
    }

    private void awaitChaincode(String name, Predicate<Chaincode> condition) {
        KubeSphereFixtures.await(() -> {
            Chaincode chaincode = chaincode(name);
            return chaincode != null && condition.test(chaincode);
        }, BOUND, () -> "chaincode: " + Serialization.asJson(chaincode(name)));
    }

    private static Response deploy(String workspace, String namespace, Map<String, Object> body) {
        return call(workspace, "POST", "/namespaces/" + namespace + "/channels/" + CHANNEL + "/chaincodes", body);
    }

    private static Response approvals(String workspace, String namespace) {
        return call(workspace, "GET", "/namespaces/" + namespace + "/channels/" + CHANNEL + "/chaincodeapprovals", null);
    }

    private static Response approve(String workspace, String namespace, long sequence, String hash) {
        return call(workspace, "POST", "/namespaces/" + namespace + "/channels/" + CHANNEL + "/chaincodeapprovals",
                Map.of("chaincode", "notes", "sequence", sequence, "definitionHash", hash));
    }

    private static Response call(String workspace, String method, String path, Object body) {
        return BaasApi.call(workspace.endsWith("-admin") || workspace.endsWith("-viewer") ? workspace : workspace + "-admin", method, path, body);
    }
}
