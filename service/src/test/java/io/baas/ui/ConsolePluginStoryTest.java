package io.baas.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.baas.iam.kubesphere.KubeSphereIam;
import io.baas.openapi.OpenApiServer;
import io.baas.chaincode.review.fixtures.LedgerContract;
import io.baas.chaincode.review.fixtures.WallClockContract;
import io.baas.support.BaasApi;
import io.baas.support.ContractJars;
import io.baas.support.KubeSphereFixtures;
import io.baas.support.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console plugin's story in Chromium (kubesphere-ui-plugin/e2e/story.js): the harness page
 * provides the console's externals, loads the bundle this service serves with System.import, and
 * its proxy adds the chosen user's token; two workspace admins click through organizations,
 * an identity (issued, exported, revoked), a consortium made with the wizard, invitations, a peer
 * added, resized and removed, and a channel of both that goes live on the sandbox runtime, where a
 * policy change one proposes is signed by both; notarization enabled and approved by both, a
 * dropped file notarized (hashed in the browser, in SHA-256 and SM3) and verified, its receipt and
 * certificate downloaded, and the notarization found in the explorer; asset transfer enabled,
 * initialized, issued and transferred; an application made with a read-only notarization scope, its key's secret
 * shown once and used by a business system's signed call, then disabled; a peer's log followed live while a block commits; a chaincode uploaded with its jar, one version rejected for
 * its findings and one approved by a reviewer who did not upload it, deployed and approved by both, then called (submitted and evaluated). What they did is then read
 * back through the API.
 * Needs Node and Debian's chromium (.ci/run installs it).
 */
@QuarkusTest
@TestProfile(ConsoleStoryProfile.class)
class ConsolePluginStoryTest {

    static final Path PLUGIN = Path.of("..", "kubesphere-ui-plugin").toAbsolutePath().normalize();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Inject
    KubernetesClient client;

    @Inject
    KubeSphereIam iam;

    @Inject
    OpenApiServer openApi;

    @TestHTTPResource("/")
    URL service;

    @Test
    void twoWorkspaceAdminsFormAConsortiumByClicking() throws Exception {
        assertThat(CHROMIUM).as("Chromium for the browser story: apt-get install -y chromium (or set CHROMIUM)").isExecutable();
        String suffix = UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z0-9]", "a");
        String bankWorkspace = "ui-bank-" + suffix;
        String shipperWorkspace = "ui-shipper-" + suffix;
        KubeSphereFixtures fixtures = new KubeSphereFixtures(client, iam);
        fixtures.workspaceWithAdmin(bankWorkspace);
        fixtures.workspaceWithAdmin(shipperWorkspace);
        String platformAdmin = "ui-platform-admin-" + suffix;
        fixtures.user(platformAdmin);
        fixtures.globalRoleBinding(platformAdmin, "platform-admin");

        Path logs = Files.createDirectories(Path.of("target", "e2e"));
        // A third party's chaincode for the repository: version 1 clean, version 2 reading the clock.
        byte[] clean = ContractJars.runnable("build 1", LedgerContract.class);
        byte[] clocked = ContractJars.runnable("build 2", LedgerContract.class, WallClockContract.class);
        Files.write(logs.resolve("ledger-1.tar.gz"), ContractJars.packageOf("ledger_1", "ledger.jar", clean));
        Files.write(logs.resolve("ledger-1.jar"), clean);
        Files.write(logs.resolve("ledger-2.tar.gz"), ContractJars.packageOf("ledger_2", "ledger.jar", clocked));
        Files.write(logs.resolve("ledger-2.jar"), clocked);
        run(List.of("npm", "run", "build:harness"), Map.of(), logs.resolve("build-harness.log"), 5);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder harnessServer = new ProcessBuilder("node", "harness/server.js").directory(PLUGIN.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve("harness.log").toFile());
        String baas = service.toString().replaceAll("/$", "");
        harnessServer.environment().putAll(Map.of("PORT", String.valueOf(port), "BAAS_URL", baas, "JWT_SECRET", TestTokens.SECRET));
        Process harness = harnessServer.start();
        try {
            awaitListening(harness, logs.resolve("harness.log"));
            run(List.of("node", "e2e/story.js"), Map.of(
                    "HARNESS_URL", "http://127.0.0.1:" + port,
                    "BANK_WORKSPACE", bankWorkspace, "BANK_ADMIN", bankWorkspace + "-admin",
                    "SHIPPER_WORKSPACE", shipperWorkspace, "SHIPPER_ADMIN", shipperWorkspace + "-admin",
                    "SUFFIX", suffix, "CHROMIUM", CHROMIUM.toString(), "PLATFORM_ADMIN", platformAdmin,
                    "SCREENSHOTS", logs.toAbsolutePath().toString(), "OPEN_API_URL", "http://127.0.0.1:" + openApi.port()), logs.resolve("story.log"), 10);
        } finally {
            harness.destroy();
            harness.waitFor(10, TimeUnit.SECONDS);
        }

        // What the clicks did, through the API.
        BaasApi.call(bankWorkspace + "-admin", "GET", "/workspaces/" + bankWorkspace + "/organizations/bank" + suffix, null).then()
                .statusCode(200).body("spec.mspId", equalTo("Bank" + suffix + "MSP"));
        BaasApi.call(bankWorkspace + "-admin", "GET", "/workspaces/" + bankWorkspace + "/organizations/bank" + suffix + "/identities", null)
                .then().statusCode(200).body("items.find { it.name == 'ops' }.role", equalTo("admin"))
                .body("items.find { it.name == 'ops' }.revoked", equalTo(true));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/workspaces/" + shipperWorkspace + "/invitations", null).then().statusCode(200)
                .body("items.find { it.consortium == 'trade" + suffix + "' }.state", equalTo("Accepted"));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/workspaces/" + shipperWorkspace + "/consortia/trade" + suffix, null).then()
                .statusCode(200).body("spec.members.organization", hasItem("shipper" + suffix));
        String shipperProject = "trade" + suffix + "-shipper" + suffix;
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/namespaces/" + shipperProject + "/peers/peer0", null).then().statusCode(200)
                .body("spec.organization", equalTo("shipper" + suffix));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/namespaces/" + shipperProject + "/peers/peer1", null).then().statusCode(404);
        BaasApi.call(bankWorkspace + "-admin", "GET", "/workspaces/" + bankWorkspace + "/consortia/trade" + suffix, null).then()
                .statusCode(200).body("spec.orderingService.nodes", equalTo(1));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/namespaces/" + shipperProject + "/channels/shipping", null).then()
                .statusCode(200).body("spec.organizations", org.hamcrest.Matchers.contains("bank" + suffix, "shipper" + suffix));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/namespaces/" + shipperProject + "/channels/shipping/proposals", null).then()
                .statusCode(200).body("items.find { it.kind == 'Policies' }.state", equalTo("Submitted"))
                .body("items.find { it.kind == 'Policies' }.decisions.organization",
                        org.hamcrest.Matchers.containsInAnyOrder("bank" + suffix, "shipper" + suffix));
        // The SM3 digest the browser computed is the one the service computes from the document itself.
        String bankProject = "trade" + suffix + "-bank" + suffix;
        BaasApi.call(bankWorkspace + "-admin", "GET", "/namespaces/" + bankProject + "/channels/shipping/evidences", null).then()
                .statusCode(200).body("items.title", org.hamcrest.Matchers.containsInAnyOrder("bill-of-lading.txt", "amended bill of lading",
                        "while following the log"))
                .body("items.find { it.title == 'amended bill of lading' }.hashAlgorithm", equalTo("SM3"));
        String amended = Files.readString(logs.resolve("amended-document.txt"));
        io.restassured.RestAssured.given().header("Authorization", TestTokens.bearer(shipperWorkspace + "-admin"))
                .contentType("application/octet-stream").body(amended.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("hashAlgorithm", "SM3")
                .post("/kapis/baas.io/v1/namespaces/" + shipperProject + "/channels/shipping/evidenceverifications").then()
                .statusCode(200).body("recorded", equalTo(true)).body("evidence.title", equalTo("amended bill of lading"));
        BaasApi.call(bankWorkspace + "-admin", "GET", "/workspaces/" + bankWorkspace + "/chaincodepackages/ledger", null).then()
                .statusCode(200).body("versions.find { it.version == '1' }.state", equalTo("Approved"))
                .body("versions.find { it.version == '2' }.state", equalTo("Rejected"));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/namespaces/" + shipperProject + "/channels/shipping/chaincodes/ledger", null).then()
                .statusCode(200).body("committed", equalTo(true)).body("sequence", equalTo(1))
                .body("packageRef.workspace", equalTo(bankWorkspace));
        // What the shipper put by clicking Submit, read back as the shipper's own identity.
        BaasApi.call(shipperWorkspace + "-admin", "POST", "/namespaces/" + shipperProject + "/channels/shipping/chaincodeevaluations",
                Map.of("chaincode", "ledger", "call", Map.of("function", "Get", "arguments", List.of("shelf")))).then().statusCode(200)
                .body("result", equalTo("3 pears"));
        BaasApi.call(shipperWorkspace + "-admin", "GET", "/namespaces/" + shipperProject + "/channels/shipping/assets", null).then()
                .statusCode(200).body("account.balance", equalTo(30)).body("supply", equalTo(100))
                .body("minters", org.hamcrest.Matchers.contains("Bank" + suffix + "MSP"));
        // The application the bank made by clicking: read-only notarization on the channel, its one key disabled, two calls today.
        BaasApi.call(bankWorkspace + "-admin", "GET", "/namespaces/" + bankProject + "/applications/erp", null).then().statusCode(200)
                .body("scopes[0].channel", equalTo("shipping")).body("scopes[0].access", equalTo("read-only"))
                .body("scopes[0].operations", org.hamcrest.Matchers.contains("verify", "read"))
                .body("keys.size()", equalTo(1)).body("keys[0].enabled", equalTo(false));
        BaasApi.call(bankWorkspace + "-admin", "GET", "/namespaces/" + bankProject + "/applications/erp/usage", null).then().statusCode(200)
                .body("items.sum { it.succeeded }", equalTo(1));
        assertThat(logs.resolve("application.png")).isNotEmptyFile();
        assertThat(logs.resolve("node-log.png")).isNotEmptyFile();
        assertThat(logs.resolve("explorer-transaction.png")).isNotEmptyFile();
        assertThat(logs.resolve("assets.png")).isNotEmptyFile();
        assertThat(logs.resolve("invitations.png")).isNotEmptyFile();
        assertThat(logs.resolve("organizations-zh.png")).isNotEmptyFile();
        assertThat(logs.resolve("proposal-signed.png")).isNotEmptyFile();
    }

    private void run(List<String> command, Map<String, String> environment, Path log, int minutes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(PLUGIN.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0).as(String.join(" ", command) + " failed; its output:\n" + Files.readString(log))
                .isTrue();
    }

    private static void awaitListening(Process harness, Path log) throws IOException {
        KubeSphereFixtures.await(() -> {
            try {
                return !harness.isAlive() || Files.readString(log).contains("harness on");
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(harness.isAlive()).as("the harness server ended; its output:\n" + Files.readString(log)).isTrue();
    }
}
