package io.baas.fabric.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;

/**
 * The receipt checks on real Fabric 2.5.5 data: block 7 (an invoke endorsed by both organizations'
 * peers, signed by the orderer) under the config of block 2. It is no notarization, so the
 * transaction check fails while endorsements, ordering and inclusion hold; any changed byte breaks
 * what covers it. The notarization case runs on the sandbox (NotarizationOnSandboxFlow).
 */
class ReceiptVerifierTest {

    private static Block block(long number) throws Exception {
        return Block.parseFrom(Fixtures.block(number));
    }

    private static Config config() throws Exception {
        Envelope envelope = Envelope.parseFrom(block(2).getData().getData(0));
        return ConfigEnvelope.parseFrom(Payload.parseFrom(envelope.getPayload()).getData()).getConfig();
    }

    private static Map<String, ReceiptCheck> checks(EvidenceReceipt receipt, Optional<byte[]> document, Optional<Block> trusted) {
        return ReceiptVerifier.verify(receipt, document, trusted).stream().collect(Collectors.toMap(ReceiptCheck::name, Function.identity()));
    }

    private static EvidenceReceipt receipt(boolean includeBlock) throws Exception {
        return EvidenceReceipt.of("simple", "SHA-256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", block(7), 0, config(),
                includeBlock);
    }

    @Test
    void aRealBlocksEndorsementsOrdererSignaturesAndInclusionHold() throws Exception {
        Map<String, ReceiptCheck> checks = checks(receipt(true), Optional.of("test".getBytes(StandardCharsets.UTF_8)), Optional.empty());

        assertThat(checks.get("document").outcome()).isEqualTo(ReceiptCheck.Outcome.PASSED);
        assertThat(checks.get("transaction").outcome()).as("simple's invoke records no evidence").isEqualTo(ReceiptCheck.Outcome.FAILED);
        assertThat(checks.get("endorsements").outcome()).isEqualTo(ReceiptCheck.Outcome.PASSED);
        assertThat(checks.get("endorsements").detail()).contains("Org1MSP").contains("Org2MSP");
        assertThat(receipt(false).endorsingMspIds()).containsExactlyInAnyOrder("Org1MSP", "Org2MSP");
        assertThat(checks.get("ordering").outcome()).isEqualTo(ReceiptCheck.Outcome.PASSED);
        assertThat(checks.get("ordering").detail()).contains("OrdererMSP");
        assertThat(checks.get("inclusion").outcome()).isEqualTo(ReceiptCheck.Outcome.PASSED);

        Map<String, ReceiptCheck> withoutBlock = checks(receipt(false), Optional.empty(), Optional.empty());
        assertThat(withoutBlock.get("inclusion").outcome()).isEqualTo(ReceiptCheck.Outcome.SKIPPED);
        assertThat(withoutBlock.get("document").outcome()).isEqualTo(ReceiptCheck.Outcome.SKIPPED);
        assertThat(checks(receipt(false), Optional.empty(), Optional.of(block(7))).get("inclusion").outcome())
                .as("against a block fetched from a trusted peer").isEqualTo(ReceiptCheck.Outcome.PASSED);
        assertThat(checks(receipt(false), Optional.empty(), Optional.of(block(8))).get("inclusion").outcome())
                .isEqualTo(ReceiptCheck.Outcome.FAILED);
    }

    @Test
    void documentsHashAsTheyStreamUnderEachAlgorithm() {
        byte[] document = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(DocumentDigest.hex("sha-256", document)).hasValue("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // GB/T 32905-2016, example 1.
        assertThat(DocumentDigest.hex("SM3", document)).hasValue("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        DocumentDigest streamed = DocumentDigest.of("SHA3-256").orElseThrow();
        streamed.update(document, 0, 1);
        streamed.update(document, 1, 2);
        assertThat(streamed.hex()).isEqualTo(DocumentDigest.hex("SHA3-256", document).orElseThrow());
        assertThat(DocumentDigest.of("MD5")).isEmpty();
        assertThat(DocumentDigest.ALGORITHMS).allSatisfy(algorithm -> assertThat(DocumentDigest.of(algorithm)).isPresent());
    }

    @Test
    void aChangedByteBreaksWhatCoversIt() throws Exception {
        EvidenceReceipt honest = receipt(true);
        assertThat(checks(honest, Optional.of("tesT".getBytes(StandardCharsets.UTF_8)), Optional.empty()).get("document").outcome())
                .isEqualTo(ReceiptCheck.Outcome.FAILED);

        BlockHeader header = BlockHeader.parseFrom(honest.blockHeader());
        EvidenceReceipt otherHeader = new EvidenceReceipt(honest.channel(), honest.chaincode(), honest.hashAlgorithm(), honest.digest(),
                honest.txId(), honest.blockNumber(), honest.transaction(),
                header.toBuilder().setPreviousHash(flip(header.getPreviousHash(), 3)).build().toByteString(), honest.blockSignatures(),
                honest.channelConfig(), honest.block());
        Map<String, ReceiptCheck> forged = checks(otherHeader, Optional.empty(), Optional.empty());
        assertThat(forged.get("ordering").outcome()).isEqualTo(ReceiptCheck.Outcome.FAILED);
        assertThat(forged.get("inclusion").outcome()).isEqualTo(ReceiptCheck.Outcome.FAILED);

        // One byte of the transaction (inside an endorsement's signed payload): the endorsement and inclusion fail.
        ByteString tampered = flip(honest.transaction(), honest.transaction().size() / 2);
        EvidenceReceipt otherTransaction = new EvidenceReceipt(honest.channel(), honest.chaincode(), honest.hashAlgorithm(), honest.digest(),
                honest.txId(), honest.blockNumber(), tampered, honest.blockHeader(), honest.blockSignatures(), honest.channelConfig(),
                honest.block());
        List<ReceiptCheck> checks = ReceiptVerifier.verify(otherTransaction, Optional.empty(), Optional.empty());
        assertThat(ReceiptVerifier.holds(checks)).isFalse();
    }

    @Test
    void aReceiptRoundTripsThroughItsJsonAndOtherJsonIsRefused() throws Exception {
        EvidenceReceipt receipt = receipt(true);
        assertThat(EvidenceReceipt.fromJson(receipt.toJson())).isEqualTo(receipt);
        assertThatThrownBy(() -> EvidenceReceipt.fromJson("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReceiptException.class);
        assertThatThrownBy(() -> EvidenceReceipt.fromJson("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ReceiptException.class);
    }

    @Test
    void digestsAreTheChaincodesAlgorithms() {
        assertThat(ReceiptVerifier.digest("sha-256", "abc".getBytes(StandardCharsets.UTF_8)))
                .hasValue("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // GB/T 32905-2016 example: SM3("abc").
        assertThat(ReceiptVerifier.digest("SM3", "abc".getBytes(StandardCharsets.UTF_8)))
                .hasValue("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(ReceiptVerifier.digest("MD5", new byte[0])).isEmpty();
    }

    private static ByteString flip(ByteString bytes, int index) {
        byte[] copy = bytes.toByteArray();
        copy[index] ^= 0x01;
        return ByteString.copyFrom(copy);
    }
}
