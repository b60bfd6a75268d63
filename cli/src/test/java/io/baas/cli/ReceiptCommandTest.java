package io.baas.cli;

import static io.baas.cli.FabricCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.baas.fabric.receipt.EvidenceReceipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receipt verify} offline, on a receipt made from the real Fabric 2.5.5 fixture's block 7
 * (an invoke, not a notarization: its transaction check fails, the rest holds); a changed byte in
 * the receipt fails the ordering check; what is no receipt is a usage error.
 */
class ReceiptCommandTest {

    @TempDir
    Path dir;

    private static Block fixtureBlock(long number) throws Exception {
        return Block.parseFrom(Files.readAllBytes(Path.of(System.getProperty("ksbaas.testdata"), "blocks", "mychannel-" + number + ".block")));
    }

    @Test
    void eachCheckIsALineAndTheExitCodeSaysWhetherAllHeld() throws Exception {
        Envelope config = Envelope.parseFrom(fixtureBlock(2).getData().getData(0));
        EvidenceReceipt receipt = EvidenceReceipt.of("simple", "SHA-256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                fixtureBlock(7), 0, ConfigEnvelope.parseFrom(Payload.parseFrom(config.getPayload()).getData()).getConfig(), true);
        Path receiptFile = dir.resolve("receipt.json");
        Files.write(receiptFile, receipt.toJson());
        Path document = dir.resolve("document.txt");
        Files.writeString(document, "test");

        FabricCliTest.Run run = cli("receipt", "verify", "--receipt", receiptFile.toString(), "--file", document.toString());
        assertThat(run.code()).as("not a notarization").isEqualTo(FabricCli.FAILED);
        assertThat(run.out()).contains("passed document: SHA-256 of the document is 9f86d0")
                .contains("failed transaction: ").contains("passed endorsements: executed and signed by peers of Org1MSP, Org2MSP")
                .contains("passed ordering: block 7 signed by the ordering service (OrdererMSP)").contains("passed inclusion: transaction 0 of block 7");

        String json = Files.readString(receiptFile);
        String header = json.replaceAll("(?s).*\"blockHeader\" : \"([^\"]+)\".*", "$1");
        char changed = header.charAt(10) == 'A' ? 'B' : 'A';
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, json.replace(header, header.substring(0, 10) + changed + header.substring(11)));
        assertThat(cli("receipt", "verify", "--receipt", forged.toString()).out()).contains("failed ordering");

        Path notAReceipt = dir.resolve("other.json");
        Files.writeString(notAReceipt, "{\"format\": \"something else\"}", StandardCharsets.UTF_8);
        assertThat(cli("receipt", "verify", "--receipt", notAReceipt.toString()).code()).isEqualTo(FabricCli.USAGE);
    }
}
