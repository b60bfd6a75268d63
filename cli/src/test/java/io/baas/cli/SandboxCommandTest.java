package io.baas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A developer's day with {@code sandbox}: up makes a network in a folder (a process of its own),
 * deploy puts the notarization chaincode on its channel through the lifecycle, the real
 * fabric-gateway client submits and evaluates with what the connection profile names, down stops
 * it, and up resumes it with the same ports and state; mistakes are named.
 */
class SandboxCommandTest {

    @TempDir
    Path temp;

    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FabricCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    @AfterEach
    void down() {
        if (dir != null) {
            cli("sandbox", "down", "--dir", dir.toString());
        }
    }

    @Test
    void upDeployCallDownAndUpAgainWithTheSameState() throws Exception {
        dir = temp.resolve("net");
        assertThat(cli("sandbox", "deploy", "--dir", dir.toString(), "--jar", notarizationJar().toString(), "--name", "notarization").err())
                .contains("holds no sandbox network: run sandbox up");

        Run up = ok("sandbox", "up", "--dir", dir.toString());
        assertThat(up.out()).contains("channel mychannel").containsPattern("peer Org1MSP 127\\.0\\.0\\.1:\\d+")
                .containsPattern("peer Org2MSP 127\\.0\\.0\\.1:\\d+").containsPattern("orderer 127\\.0\\.0\\.1:\\d+");
        assertThat(ok("sandbox", "up", "--dir", dir.toString()).out()).startsWith("already up (process ");

        Run deployed = ok("sandbox", "deploy", "--dir", dir.toString(), "--jar", notarizationJar().toString(), "--name", "notarization");
        assertThat(deployed.out()).matches("deployed notarization 1\\.0 sequence 1 on mychannel \\(notarization_1\\.0:[0-9a-f]{64}\\)\\s*");

        String digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        withGateway(1, contract -> contract.submitTransaction("RecordEvidence", "SHA-256", digest, "from the sandbox test", "{}"));
        String read = withGateway(2, contract -> contract.evaluateTransaction("ReadEvidence", "SHA-256", digest));
        assertThat(read).contains(digest).contains("from the sandbox test");

        JsonNode profile = new ObjectMapper().readTree(dir.resolve("profiles/org1-connection.json").toFile());
        String url = profile.at("/peers/peer0.org1.example.com/url").asText();
        assertThat(ok("sandbox", "down", "--dir", dir.toString()).out()).startsWith("stopped (process ");
        assertThat(ok("sandbox", "down", "--dir", dir.toString()).out()).isEqualTo("not running\n");
        assertThat(cli("sandbox", "deploy", "--dir", dir.toString(), "--jar", notarizationJar().toString(), "--name", "notarization").err())
                .contains("is not running: run sandbox up");

        Run again = ok("sandbox", "up", "--dir", dir.toString(), "--channel", "other");
        assertThat(again.err()).contains("resuming the network of").contains("as it was made (channel mychannel, 2 organizations)");
        assertThat(new ObjectMapper().readTree(dir.resolve("profiles/org1-connection.json").toFile())
                .at("/peers/peer0.org1.example.com/url").asText()).as("the same ports").isEqualTo(url);
        assertThat(withGateway(1, contract -> contract.evaluateTransaction("ReadEvidence", "SHA-256", digest))).isEqualTo(read);
        // The same jar again is the next sequence: its package was installed already, and its server runs again after the restart.
        assertThat(ok("sandbox", "deploy", "--dir", dir.toString(), "--jar", notarizationJar().toString(), "--name", "notarization",
                "--version", "1.1").out()).startsWith("deployed notarization 1.1 sequence 2 on mychannel");
        withGateway(2, contract -> contract.submitTransaction("RecordEvidence", "SHA-256", digest.replace('9', '8'), "after", "{}"));
    }

    @Test
    void wrongSettingsAreNamedBeforeAnythingIsMade() {
        dir = temp.resolve("bad");
        Run none = cli("sandbox", "up", "--dir", dir.toString(), "--orgs", "0");
        assertThat(none.code()).isEqualTo(FabricCli.USAGE);
        assertThat(none.err()).contains("--orgs must be 1 to 9, not 0");
        Run channel = cli("sandbox", "up", "--dir", dir.toString(), "--channel", "My Channel");
        assertThat(channel.code()).isEqualTo(FabricCli.USAGE);
        assertThat(channel.err()).contains("is not a Fabric channel name");
        assertThat(dir.resolve("sandbox.json")).doesNotExist();
        Run both = cli("sandbox", "deploy", "--dir", dir.toString(), "--name", "x");
        assertThat(both.code()).isEqualTo(FabricCli.USAGE);
        assertThat(both.err()).contains("--jar").contains("--package");
    }

    interface Call {
        byte[] on(Contract contract) throws Exception;
    }

    /** As the snippet the sandbox wrote for the organization: its User1, its peer, its TLS CA. */
    private String withGateway(int organization, Call call) throws Exception {
        JsonNode profile = new ObjectMapper().readTree(dir.resolve("profiles/org" + organization + "-connection.json").toFile());
        String peer = "peer0.org" + organization + ".example.com";
        String address = profile.at("/peers/" + peer + "/url").asText().replace("grpcs://", "");
        ManagedChannel grpc = Grpc.newChannelBuilder(address, TlsChannelCredentials.newBuilder().trustManager(
                new java.io.ByteArrayInputStream(profile.at("/peers/" + peer + "/tlsCACerts/pem").asText().getBytes(StandardCharsets.US_ASCII)))
                .build()).build();
        Path user = dir.resolve("organizations/org" + organization + "/users/User1@org" + organization + ".example.com/msp");
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(profile.at("/organizations/Org" + organization + "/mspid").asText(),
                        Identities.readX509Certificate(Files.newBufferedReader(only(user.resolve("signcerts"))))))
                .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(Files.newBufferedReader(only(user.resolve("keystore"))))))
                .hash(Hash.SHA256).connection(grpc).connect()) {
            return new String(call.on(gateway.getNetwork("mychannel").getContract("notarization")), StandardCharsets.UTF_8);
        } finally {
            grpc.shutdownNow();
        }
    }

    private static Path only(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findFirst().orElseThrow();
        }
    }

    /** The shipped notarization chaincode's runnable jar (module chaincodes). */
    private static Path notarizationJar() throws Exception {
        return Path.of(io.baas.chaincode.notarization.NotarizationContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
