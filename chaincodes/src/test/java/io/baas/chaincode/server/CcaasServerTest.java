package io.baas.chaincode.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.baas.chaincode.common.Identity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs each shipped chaincode jar as a CCaaS server in its own JVM, as its container would
 * ({@code java -jar}, configured by environment), and calls it over loopback as a peer does.
 */
class CcaasServerTest {

    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Instant T1 = Instant.parse("2026-11-23T19:30:00.000000123Z");
    private static final Instant T2 = Instant.parse("2026-11-23T19:30:05Z");

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process server : servers) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void notarizationJarServesItsContractOverTheChaincodeProtocol() throws Exception {
        int port = start("notarization", "notarization_1.0:0123abcd");
        try (PlayedPeer peer = new PlayedPeer("127.0.0.1", port)) {
            assertThat(peer.chaincodeId()).isEqualTo("notarization_1.0:0123abcd");

            PlayedPeer.Outcome recorded = peer.invoke(Identity.ORG1_USER, T1, "RecordEvidence", "SHA-256", DIGEST, "contract.pdf", "{}");

            assertThat(recorded.response().getStatus()).isEqualTo(200);
            JSONObject evidence = new JSONObject(recorded.response().getPayload().toStringUtf8());
            assertThat(evidence.getString("ownerMspId")).isEqualTo("Org1MSP");
            assertThat(evidence.getString("ownerId")).isEqualTo(Identity.ORG1_USER.clientId());
            assertThat(evidence.getString("timestamp")).as("from the proposal's channel header").isEqualTo("2026-11-23T19:30:00.000000123Z");
            assertThat(evidence.getString("txId")).isEqualTo(String.format("%064x", 1));
            assertThat(recorded.writes()).hasSize(2).containsKey("\u0000evidence\u0000SHA-256\u0000" + DIGEST + "\u0000");
            assertThat(recorded.event().getEventName()).isEqualTo("EvidenceRecorded");

            PlayedPeer.Outcome again = peer.invoke(Identity.ORG2_USER, T2, "RecordEvidence", "SHA-256", DIGEST, "copy.pdf", "");
            assertThat(again.response().getStatus()).isEqualTo(500);
            assertThat(again.response().getMessage()).startsWith("EVIDENCE_EXISTS: evidence SHA-256:" + DIGEST + " already exists: recorded by Org1MSP");
            assertThat(again.response().getPayload().toStringUtf8()).isEqualTo("EVIDENCE_EXISTS");
            assertThat(again.writes()).isEmpty();

            PlayedPeer.Outcome verified = peer.invoke(Identity.ORG2_USER, T2, "notarization:VerifyEvidence", "sha-256", DIGEST);
            assertThat(new JSONObject(verified.response().getPayload().toStringUtf8()).getBoolean("exists")).isTrue();

            PlayedPeer.Outcome foreign = peer.invoke(Identity.ORG2_USER, T2, "assets:BalanceOf", "Org1MSP", "x");
            assertThat(foreign.response().getStatus()).as("the asset contract is not in this jar").isEqualTo(500);
            assertThat(foreign.response().getMessage()).isEqualTo("Undefined contract called");
        }
        String log = Files.readString(Path.of("target", "ccaas-notarization.log"));
        assertThat(log).as("the server's own lines at INFO").contains("serving chaincode notarization_1.0:0123abcd");
        assertThat(log).as("the shim's at WARNING, as a Fabric peer sets them").doesNotContain("Got invoke routing request");
    }

    @Test
    void shimLogLevelIsWarningUnlessSet() {
        try {
            assertThat(Main.applyShimLogLevel(Map.of())).isEqualTo(Level.WARNING);
            assertThat(Logger.getLogger("org.hyperledger.fabric.contract.ContractRouter").isLoggable(Level.INFO)).isFalse();
            assertThat(Main.applyShimLogLevel(Map.of(Main.SHIM_LOG_LEVEL, " debug "))).isEqualTo(Level.FINEST);
            assertThat(Logger.getLogger("org.hyperledger.fabric.shim.ChaincodeBase").isLoggable(Level.FINE)).isTrue();
            assertThat(Main.applyShimLogLevel(Map.of(Main.SHIM_LOG_LEVEL, "error"))).isEqualTo(Level.SEVERE);
        } finally {
            Main.applyShimLogLevel(Map.of());
        }
    }

    @Test
    void assetTransferJarServesItsContractOverTheChaincodeProtocol() throws Exception {
        int port = start("asset-transfer", "asset-transfer_1.0:4567cdef");
        try (PlayedPeer peer = new PlayedPeer("127.0.0.1", port)) {
            assertThat(peer.chaincodeId()).isEqualTo("asset-transfer_1.0:4567cdef");
            Identity bob = Identity.ORG2_USER;

            assertThat(peer.invoke(Identity.ORG1_ADMIN, T1, "Initialize", "[\"Org1MSP\"]").response().getStatus()).isEqualTo(200);
            PlayedPeer.Outcome issued = peer.invoke(Identity.ORG1_USER, T2, "Issue", bob.mspId(), bob.clientId(), "40");
            PlayedPeer.Outcome refused = peer.invoke(bob, T2, "Issue", bob.mspId(), bob.clientId(), "40");
            PlayedPeer.Outcome balance = peer.invoke(bob, T2, "BalanceOf", bob.mspId(), bob.clientId());

            assertThat(issued.response().getStatus()).isEqualTo(200);
            assertThat(issued.event().getEventName()).isEqualTo("Issue");
            assertThat(new JSONObject(issued.event().getPayload().toStringUtf8()).getLong("amount")).isEqualTo(40);
            assertThat(refused.response().getStatus()).isEqualTo(500);
            assertThat(refused.response().getMessage()).isEqualTo("NOT_MINTER: Org2MSP is not a minter organization; the minters are [Org1MSP]");
            assertThat(new JSONObject(balance.response().getPayload().toStringUtf8()).getLong("balance")).isEqualTo(40);

            PlayedPeer.Outcome foreign = peer.invoke(bob, T2, "RecordEvidence", "SHA-256", DIGEST, "t", "");
            assertThat(foreign.response().getStatus()).as("the notarization contract is not in this jar").isEqualTo(500);
            assertThat(foreign.response().getMessage()).isEqualTo("Undefined contract method called");
        }
    }

    @Test
    void refusesToStartWithoutItsSettings() throws Exception {
        Process process = new ProcessBuilder(java(), "-jar", jar("notarization").toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("CHAINCODE_SERVER_ADDRESS is required");

        ProcessBuilder tls = new ProcessBuilder(java(), "-jar", jar("notarization").toString()).redirectErrorStream(true);
        tls.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:1");
        tls.environment().put("CORE_CHAINCODE_ID_NAME", "notarization_1.0:00");
        Process withoutKeys = tls.start();
        String tlsOutput = new String(withoutKeys.getInputStream().readAllBytes());
        assertThat(withoutKeys.waitFor()).isEqualTo(2);
        assertThat(tlsOutput).contains("CHAINCODE_TLS_CERT must name a readable file when TLS is on");
    }

    /** Starts {@code java -jar} on the chaincode's jar with a plain-text server on a free loopback port. */
    private int start(String chaincode, String packageId) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path log = Path.of("target", "ccaas-" + chaincode + ".log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar(chaincode).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        builder.environment().put("CORE_CHAINCODE_ID_NAME", packageId);
        builder.environment().put("CHAINCODE_TLS_DISABLED", "true");
        Process server = builder.start();
        servers.add(server);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the " + chaincode + " server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return port;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the " + chaincode + " server did not listen within 60 s: " + Files.readString(log));
    }

    static Path jar(String chaincode) {
        String property = System.getProperty("chaincode.jar." + chaincode);
        assertThat(property).as("surefire passes the jar's path").isNotNull();
        Path jar = Path.of(property);
        assertThat(jar).as("built before the tests (process-classes)").exists();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
