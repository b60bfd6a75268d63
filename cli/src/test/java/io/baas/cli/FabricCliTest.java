package io.baas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baas.fabric.configtx.MspFolder;
import io.baas.fabric.sandbox.OrdererSettings;
import io.baas.fabric.sandbox.OrderingNode;
import io.baas.fabric.sandbox.PeerNode;
import io.baas.fabric.sandbox.PeerSettings;
import io.baas.fabric.sandbox.peer.PeerWaits;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Pem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line tool end to end: organizations generated into Fabric folders, sandbox nodes
 * started from exactly those folders, a channel genesis from a description file, the orderer and
 * both peers joined through real gRPC and HTTPS, then packaging and decoding.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FabricCliTest {

    @TempDir
    static Path dir;
    static OrderingNode orderer;
    static PeerNode peer1;
    static PeerNode peer2;

    /** What one command line printed and returned. */
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
        assertThat(run.code()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }

    @BeforeAll
    static void network() throws Exception {
        ok("org", "generate", "--msp-id", "OrdererMSP", "--domain", "example.com", "--orderers", "1", "--users", "0",
                "--san", "127.0.0.1", "--out", dir.resolve("orderer-org").toString());
        for (int org = 1; org <= 2; org++) {
            ok("org", "generate", "--msp-id", "Org" + org + "MSP", "--domain", "org" + org + ".example.com", "--peers", "1",
                    "--san", "127.0.0.1", "--out", dir.resolve("org" + org).toString());
        }
        Path ordererHome = dir.resolve("orderer-org/orderers/orderer0.example.com");
        orderer = OrderingNode.start(OrdererSettings.loopback(CliFiles.signer("orderer", ordererHome.resolve("msp"), "OrdererMSP"),
                tls(ordererHome.resolve("tls"), "server"),
                Pem.certificates(Files.readString(dir.resolve("orderer-org/msp/tlscacerts").toFile().listFiles()[0].toPath())),
                Clock.systemUTC()));
        peer1 = peer(1);
        peer2 = peer(2);
        Files.writeString(dir.resolve("channel.yaml"), """
                channel: trade
                orderer:
                  organizations:
                    - mspId: OrdererMSP
                      mspDir: orderer-org/msp
                      endpoints: ["127.0.0.1:%1$d"]
                  consenters:
                    - host: 127.0.0.1
                      port: %1$d
                      tlsCert: orderer-org/orderers/orderer0.example.com/tls/server.crt
                  batch:
                    timeout: 200ms
                    maxMessageCount: 1
                application:
                  organizations:
                    - mspId: Org1MSP
                      mspDir: org1/msp
                      anchorPeers: ["127.0.0.1:%2$d"]
                    - mspId: Org2MSP
                      mspDir: org2/msp
                      anchorPeers: ["127.0.0.1:%3$d"]
                policies:
                  Application/Endorsement: ANY Endorsement
                """.formatted(orderer.port(), peer1.port(), peer2.port()));
    }

    private static PeerNode peer(int org) throws Exception {
        Path home = dir.resolve("org" + org + "/peers/peer0.org" + org + ".example.com");
        return PeerNode.start(PeerSettings.loopback(CliFiles.signer("peer", home.resolve("msp"), "Org" + org + "MSP"),
                MspFolder.load(dir.resolve("org" + org + "/msp"), "Org" + org + "MSP"), tls(home.resolve("tls"), "server"),
                Map.of(), Files.createDirectories(dir.resolve("jars" + org)), Clock.systemUTC()));
    }

    private static CertifiedKey tls(Path folder, String base) throws Exception {
        return CertifiedKey.fromPem(Files.readString(folder.resolve(base + ".crt")), Files.readString(folder.resolve(base + ".key")));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable node : new AutoCloseable[] {peer2, peer1, orderer}) {
            try {
                if (node != null) {
                    node.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    @Test
    @Order(1)
    void generatedFoldersHaveCryptogensLayoutWithTheKeysOwnerOnly() throws Exception {
        Path org1 = dir.resolve("org1");
        for (String path : List.of("ca/priv_sk", "tlsca/priv_sk", "msp/config.yaml", "msp/cacerts", "msp/tlscacerts",
                "peers/peer0.org1.example.com/msp/signcerts", "peers/peer0.org1.example.com/msp/keystore/priv_sk",
                "peers/peer0.org1.example.com/tls/server.crt", "users/Admin@org1.example.com/msp/keystore/priv_sk",
                "users/Admin@org1.example.com/tls/client.key", "users/User1@org1.example.com/msp/signcerts")) {
            assertThat(org1.resolve(path)).as(path).exists();
        }
        assertThat(Files.getPosixFilePermissions(org1.resolve("ca/priv_sk")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(cli("org", "generate", "--msp-id", "X", "--domain", "x.example", "--out", org1.toString()).code())
                .as("never over existing material").isEqualTo(FabricCli.USAGE);
    }

    @Test
    @Order(2)
    void aChannelIsMadeAndJoinedByTheOrdererAndBothPeers() throws Exception {
        Path genesis = dir.resolve("trade.block");
        ok("channel", "genesis", "--config", dir.resolve("channel.yaml").toString(), "--out", genesis.toString());
        String[] admin = {"--admin", "127.0.0.1:" + orderer.adminPort(),
                "--tls-ca", dir.resolve("orderer-org/orderers/orderer0.example.com/tls/ca.crt").toString(),
                "--tls-cert", dir.resolve("orderer-org/users/Admin@example.com/tls/client.crt").toString(),
                "--tls-key", dir.resolve("orderer-org/users/Admin@example.com/tls/client.key").toString()};
        assertThat(ok(concat(new String[] {"orderer", "join", "--block", genesis.toString()}, admin)).out()).contains("joined");
        assertThat(ok(concat(new String[] {"orderer", "join", "--block", genesis.toString()}, admin)).out()).contains("already joined");
        assertThat(ok(concat(new String[] {"orderer", "list"}, admin)).out()).contains("trade");
        assertThat(ok(concat(new String[] {"orderer", "list", "--channel", "trade"}, admin)).out()).contains("height=1");

        for (int org = 1; org <= 2; org++) {
            String[] peer = peerOptions(org, org == 1 ? peer1.port() : peer2.port());
            assertThat(ok(concat(new String[] {"peer", "join", "--block", genesis.toString()}, peer)).out()).contains("joined");
            assertThat(ok(concat(new String[] {"peer", "channels"}, peer)).out()).isEqualTo("trade\n");
        }

        JsonNode decoded = new ObjectMapper().readTree(ok("block", "decode", "--file", genesis.toString()).out());
        assertThat(decoded.at("/number").asLong()).isZero();
        assertThat(decoded.at("/dataHashMatches").asBoolean()).isTrue();
        assertThat(decoded.at("/transactions/0/type").asText()).isEqualTo("CONFIG");
        JsonNode application = decoded.at("/transactions/0/config/config/channelGroup/groups/Application");
        assertThat(application.at("/groups").has("Org1MSP")).isTrue();
        assertThat(application.at("/policies/Endorsement/policy/type").asInt()).isEqualTo(3); // IMPLICIT_META, ANY by the file
    }

    @Test
    @Order(3)
    void aStrangerCannotJoinAPeerAndMistakesAreNamed() throws Exception {
        Path genesis = dir.resolve("trade.block");
        // Org2's admin on Org1's peer: the peer refuses, the tool says so and fails.
        String[] wrongAdmin = peerOptions(1, peer1.port());
        wrongAdmin[wrongAdmin.length - 3] = dir.resolve("org2/users/Admin@org2.example.com/msp").toString();
        wrongAdmin[wrongAdmin.length - 1] = "Org2MSP";
        Run refused = cli(concat(new String[] {"peer", "join", "--block", genesis.toString()}, wrongAdmin));
        assertThat(refused.code()).isEqualTo(FabricCli.FAILED);
        assertThat(refused.err()).contains("REFUSED");

        Run notABlock = cli(concat(new String[] {"peer", "join", "--block", dir.resolve("channel.yaml").toString()}, peerOptions(1, peer1.port())));
        assertThat(notABlock.code()).isEqualTo(FabricCli.USAGE);
        assertThat(notABlock.err()).contains("is not a block");

        Files.writeString(dir.resolve("bad.yaml"), "channel: bad\norderer: {}\n");
        Run badFile = cli("channel", "genesis", "--config", dir.resolve("bad.yaml").toString(), "--out", dir.resolve("bad.block").toString());
        assertThat(badFile.code()).isEqualTo(FabricCli.USAGE);
        assertThat(badFile.err()).contains("orderer.organizations is missing");

        String[] badTimeout = peerOptions(1, peer1.port());
        badTimeout[1] = "soon";
        Run unreadableDuration = cli(concat(new String[] {"peer", "channels"}, badTimeout));
        assertThat(unreadableDuration.code()).isEqualTo(FabricCli.USAGE);
        assertThat(unreadableDuration.err()).contains("--timeout").contains("'soon' is not a duration");
        String[] isoTimeout = peerOptions(1, peer1.port());
        isoTimeout[1] = "PT1M";
        assertThat(ok(concat(new String[] {"peer", "channels"}, isoTimeout)).out()).contains("trade");

        Run dead = cli(concat(new String[] {"peer", "channels"}, peerOptions(1, 1)));
        assertThat(dead.code()).isEqualTo(FabricCli.FAILED);
        assertThat(dead.err()).contains("UNAVAILABLE").contains("nothing listens at 127.0.0.1:1");
        // Org2's TLS CA for Org1's peer: said as such, not as an unreachable node.
        String[] wrongCa = peerOptions(1, peer1.port());
        wrongCa[5] = dir.resolve("org2/peers/peer0.org2.example.com/tls/ca.crt").toString();
        Run untrusted = cli(concat(new String[] {"peer", "channels"}, wrongCa));
        assertThat(untrusted.code()).isEqualTo(FabricCli.FAILED);
        assertThat(untrusted.err()).contains("the TLS certificate of 127.0.0.1:" + peer1.port() + " is not signed by the TLS CA");
    }

    @Test
    @Order(5)
    void aChaincodeIsDeployedAndTransactedWithTheTool() throws Exception {
        Path jar = io.baas.fabric.sandbox.peer.chaincode.ChaincodeJars.build(dir.resolve("jars1"), "alpha.jar",
                io.baas.fabric.sandbox.peer.chaincode.ChaincodeJars.ALPHA);
        Files.copy(jar, dir.resolve("jars2/alpha.jar"));
        Path pkg = dir.resolve("alpha.tgz");
        String id = ok("chaincode", "package", "--label", "alpha_1", "--address", "alpha:9999", "--sandbox-jar", jar.toString(),
                "--out", pkg.toString()).out().trim();
        Path collections = dir.resolve("collections_config.json");
        Files.writeString(collections, "[{\"name\": \"recipes\", \"policy\": \"OR('Org1MSP.member')\", \"memberOnlyRead\": true,"
                + " \"endorsementPolicy\": {\"signaturePolicy\": \"OR('Org1MSP.member')\"}}]");
        String[] definition = {"--channel", "trade", "--name", "alpha", "--version", "1.0", "--sequence", "1",
                "--collections-config", collections.toString()};
        for (int org = 1; org <= 2; org++) {
            String[] peer = peerOptions(org, org == 1 ? peer1.port() : peer2.port());
            assertThat(ok(concat(new String[] {"lifecycle", "install", "--package", pkg.toString()}, peer)).out()).isEqualTo("done: " + id + "\n");
            assertThat(ok(concat(new String[] {"lifecycle", "install", "--package", pkg.toString()}, peer)).out()).startsWith("already done");
            assertThat(ok(concat(concat(new String[] {"lifecycle", "approve", "--package-id", id}, definition), peer)).out()).startsWith("done: ");
        }
        String[] peer1Options = peerOptions(1, peer1.port());
        // Org2 approved through peer2; peer1 answers once it has that block too.
        PeerWaits.awaitCaughtUp(peer1, peer2, "trade");
        assertThat(ok(concat(concat(new String[] {"lifecycle", "checkreadiness"}, definition), peer1Options)).out())
                .isEqualTo("Org1MSP: true\nOrg2MSP: true\n");
        assertThat(ok(concat(concat(new String[] {"lifecycle", "commit"}, definition), peer1Options)).out()).startsWith("done: ");
        assertThat(ok(concat(concat(new String[] {"lifecycle", "commit"}, definition), peer1Options)).out()).startsWith("already done");
        PeerWaits.awaitCaughtUp(peer2, peer1, "trade");
        assertThat(ok(concat(new String[] {"lifecycle", "querycommitted", "--channel", "trade", "--name", "alpha"}, peerOptions(2, peer2.port())))
                .out()).contains("sequence=1", "Org1MSP=true", "Org2MSP=true");

        String[] call = {"--channel", "trade", "--chaincode", "alpha"};
        Run put = ok(concat(concat(new String[] {"tx", "submit", "--function", "put", "--arg", "color", "--arg", "blue"}, call), peer1Options));
        java.util.regex.Matcher committed = java.util.regex.Pattern.compile("committed (\\w+) in block (\\d+)").matcher(put.err());
        assertThat(committed.find()).as(put.err()).isTrue();
        PeerWaits.awaitCaughtUp(peer2, peer1, "trade");
        assertThat(ok(concat(concat(new String[] {"tx", "evaluate", "--function", "get", "--arg", "color"}, call),
                peerOptions(2, peer2.port()))).out()).isEqualTo("blue\n");
        JsonNode block = new ObjectMapper().readTree(ok(concat(new String[] {"block", "fetch", "--channel", "trade", "--tx-id", committed.group(1)},
                peerOptions(2, peer2.port()))).out());
        assertThat(block.at("/number").asLong()).isEqualTo(Long.parseLong(committed.group(2)));
        assertThat(block.at("/transactions/0/txId").asText()).isEqualTo(committed.group(1));
        assertThat(block.at("/transactions/0/validationCode").asText()).isEqualTo("VALID");
        // A peer's block carries its commit hash, printed in hex like the other hashes.
        assertThat(block.at("/metadata/commitHash").asText()).matches("[0-9a-f]{64}");

        // Transient data into the definition's Org1-only collection: the gateway asks Org1's peer only, the value never
        // reaches a block nor Org2's peer.
        Run secret = ok(concat(concat(new String[] {"tx", "submit", "--function", "putPrivate", "--arg", "recipes",
                "--arg", "recipe", "--transient", "value=two parts cider"}, call), peer1Options));
        java.util.regex.Matcher secretTx = java.util.regex.Pattern.compile("committed (\\w+) in block").matcher(secret.err());
        assertThat(secretTx.find()).as(secret.err()).isTrue();
        assertThat(ok(concat(concat(new String[] {"tx", "evaluate", "--function", "getPrivate", "--arg", "recipes",
                "--arg", "recipe"}, call), peer1Options)).out()).isEqualTo("two parts cider\n");
        PeerWaits.awaitCaughtUp(peer2, peer1, "trade");
        var org2State = peer2.channels().channel("trade").orElseThrow().peerLedger().state();
        assertThat(org2State.privateHash("alpha", "recipes", io.baas.fabric.sandbox.peer.ledger.PrivateHash.keyHash("recipe"))).isPresent();
        assertThat(org2State.privateValue("alpha", "recipes", "recipe")).isEmpty();
        assertThat(ok(concat(new String[] {"block", "fetch", "--channel", "trade", "--tx-id", secretTx.group(1)}, peer1Options)).out())
                .doesNotContain("two parts cider");

        // A chaincode's refusal is said once, as the chaincode's, with the peer that ran it.
        Run failed = cli(concat(concat(new String[] {"tx", "evaluate", "--function", "fail"}, call), peer1Options));
        assertThat(failed.code()).isEqualTo(FabricCli.FAILED);
        assertThat(failed.err()).isEqualTo("evaluate: chaincode error refused on purpose\n  from 127.0.0.1:" + peer1.port() + " (Org1MSP)\n");
        // Its code survives the Gateway (which drops the payload) when it leads the message.
        Run refused = cli(concat(concat(new String[] {"tx", "submit", "--function", "refuse", "--arg", "EVIDENCE_NOT_FOUND"}, call),
                peer1Options));
        assertThat(refused.code()).isEqualTo(FabricCli.FAILED);
        assertThat(refused.err()).startsWith("submit: chaincode error EVIDENCE_NOT_FOUND: refused on purpose\n")
                .contains("  from 127.0.0.1:" + peer1.port() + " (Org1MSP)\n").contains("(not committed)")
                .doesNotContain("ENDORSEMENT_FAILED");
        assertThat(refused.err().split("refused on purpose", -1)).as("said once").hasSize(2);
    }

    @Test
    @Order(6)
    void configUpdatesAreComputedSignedByEachOrganizationAndSubmitted() {
        ok("org", "generate", "--msp-id", "Org3MSP", "--domain", "org3.example.com", "--out", dir.resolve("org3").toString());
        String[] orderer = {"--orderer", "127.0.0.1:" + orderer().port(),
                "--orderer-tls-ca", dir.resolve("orderer-org/orderers/orderer0.example.com/tls/ca.crt").toString()};
        String pending = dir.resolve("add-org3.json").toString();
        assertThat(ok(concat(concat(new String[] {"channel", "update", "compute", "--channel", "trade",
                "--add-org", "Org3MSP=" + dir.resolve("org3/msp"), "--out", pending}, orderer), admin(1))).out())
                .contains("/Channel/Application/Admins");
        Run early = cli(concat(concat(new String[] {"channel", "update", "submit", "--pending", pending}, orderer), admin(1)));
        assertThat(early.code()).isEqualTo(FabricCli.INCOMPLETE);
        assertThat(early.err()).contains("still needs signatures for /Channel/Application/Admins");
        assertThat(ok(concat(new String[] {"channel", "update", "sign", "--pending", pending}, admin(1))).out()).startsWith("still needs");
        assertThat(ok(concat(new String[] {"channel", "update", "sign", "--pending", pending}, admin(2))).out()).startsWith("ready to submit");
        assertThat(ok(concat(concat(new String[] {"channel", "update", "submit", "--pending", pending}, orderer), admin(2))).out())
                .isEqualTo("config sequence 1\n");

        // Org2 moves its anchor peers by itself: its own Admins policy.
        String anchors = dir.resolve("org2-anchors.json").toString();
        assertThat(ok(concat(concat(new String[] {"channel", "update", "compute", "--channel", "trade", "--anchor-peer",
                "Org2MSP=127.0.0.1:" + peer2.port(), "--anchor-peer", "Org2MSP=localhost:" + peer2.port(), "--out", anchors}, orderer), admin(2)))
                .out()).contains("/Channel/Application/Org2MSP/Admins");
        ok(concat(new String[] {"channel", "update", "sign", "--pending", anchors}, admin(2)));
        assertThat(ok(concat(concat(new String[] {"channel", "update", "submit", "--pending", anchors}, orderer), admin(2))).out())
                .isEqualTo("config sequence 2\n");
        PeerWaits.awaitCommitted(peer1, "trade", channel -> channel.config().sequence() >= 2);
        assertThat(peer1.channels().channel("trade").orElseThrow().config().applicationMspIds()).contains("Org3MSP");
    }

    @Test
    @Order(7)
    void aMissingFileIsSaidWithTheOptionThatNamedIt() throws Exception {
        Path nowhere = dir.resolve("nowhere");
        String[] peer = peerOptions(1, peer1.port());

        Run noBlock = cli(concat(new String[] {"peer", "join", "--block", nowhere.resolve("trade.block").toString()}, peer));
        assertThat(noBlock.code()).isEqualTo(FabricCli.USAGE);
        assertThat(noBlock.err()).isEqualTo("join: --block: no file at " + nowhere.resolve("trade.block") + "\n");

        String[] noCa = peerOptions(1, peer1.port());
        noCa[5] = nowhere.resolve("ca.crt").toString();
        assertThat(cli(concat(new String[] {"peer", "channels"}, noCa)).err()).contains("--tls-ca: no file at " + nowhere.resolve("ca.crt"));

        String[] noMsp = peerOptions(1, peer1.port());
        noMsp[7] = nowhere.toString();
        Run missingMsp = cli(concat(new String[] {"peer", "channels"}, noMsp));
        assertThat(missingMsp.code()).isEqualTo(FabricCli.USAGE);
        assertThat(missingMsp.err()).contains("--msp-dir: no MSP folder at " + nowhere);

        Path keyless = dir.resolve("keyless-msp");
        Files.createDirectories(keyless.resolve("keystore"));
        Files.createDirectories(keyless.resolve("signcerts"));
        Files.copy(dir.resolve("org1/users/Admin@org1.example.com/msp/signcerts").toFile().listFiles()[0].toPath(),
                keyless.resolve("signcerts/cert.pem"));
        String[] noKey = peerOptions(1, peer1.port());
        noKey[7] = keyless.toString();
        assertThat(cli(concat(new String[] {"peer", "channels"}, noKey)).err())
                .contains("--msp-dir: " + keyless.resolve("keystore") + " is empty (it should hold the signing key)");

        Run folder = cli("block", "decode", "--file", dir.toString());
        assertThat(folder.code()).isEqualTo(FabricCli.USAGE);
        assertThat(folder.err()).contains("--file: " + dir + " is a folder, not a file");

        Run noConfig = cli("channel", "genesis", "--config", nowhere.resolve("channel.yaml").toString(), "--out", dir.resolve("x.block").toString());
        assertThat(noConfig.err()).contains("--config: no file at " + nowhere.resolve("channel.yaml"));

        // A folder named inside the channel file: the file, the entry and the path it resolved to.
        Path channelFile = dir.resolve("moved.yaml");
        Files.writeString(channelFile, Files.readString(dir.resolve("channel.yaml")).replace("org2/msp", "org9/msp"));
        Run moved = cli("channel", "genesis", "--config", channelFile.toString(), "--out", dir.resolve("x.block").toString());
        assertThat(moved.code()).isEqualTo(FabricCli.USAGE);
        assertThat(moved.err()).contains("--config " + channelFile + ": application.organizations[Org2MSP].mspDir: no MSP folder at "
                + dir.resolve("org9/msp"));
        assertThat(Files.exists(dir.resolve("x.block"))).isFalse();
    }

    private static OrderingNode orderer() {
        return orderer;
    }

    private String[] admin(int org) {
        return new String[] {"--msp-dir", dir.resolve("org" + org + "/users/Admin@org" + org + ".example.com/msp").toString(),
                "--msp-id", "Org" + org + "MSP"};
    }

    @Test
    @Order(4)
    void aPackageIsReproducibleAndNamedByItsId() throws Exception {
        Path first = dir.resolve("a.tar.gz");
        Path second = dir.resolve("b.tar.gz");
        String id = ok("chaincode", "package", "--label", "basic_1.0", "--address", "{{.peername}}-basic:9999",
                "--tls-root-cert", "{{.tlsrootcert}}", "--out", first.toString()).out().trim();
        assertThat(id).startsWith("basic_1.0:").hasSize("basic_1.0:".length() + 64);
        assertThat(ok("chaincode", "package", "--label", "basic_1.0", "--address", "{{.peername}}-basic:9999",
                "--tls-root-cert", "{{.tlsrootcert}}", "--out", second.toString()).out().trim()).isEqualTo(id);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    private String[] peerOptions(int org, int port) {
        // --timeout is only a guard against a hang: a busy machine may starve the peers for a while.
        return new String[] {"--timeout", "3m", "--peer", "127.0.0.1:" + port,
                "--tls-ca", dir.resolve("org" + org + "/peers/peer0.org" + org + ".example.com/tls/ca.crt").toString(),
                "--msp-dir", dir.resolve("org" + org + "/users/Admin@org" + org + ".example.com/msp").toString(),
                "--msp-id", "Org" + org + "MSP"};
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
