package io.baas.fabric.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import io.baas.fabric.identity.SignedData;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BlockSignaturesTest {

    @Test
    void everySignatureInTheFixtureLedgerVerifies() {
        List<SignedData> signatures = LongStream.range(0, 12)
                .mapToObj(n -> BlockDecoder.decode(Fixtures.block(n)))
                .flatMap(block -> BlockSignatures.of(block).stream())
                .toList();

        assertEquals(Fixtures.facts().get("all_signatures_verified").get("count").asInt(), signatures.size());
        assertTrue(signatures.stream().allMatch(SignedData::verify));
    }

    @Test
    void aSignatureDoesNotCoverOtherBytes() {
        SignedData endorsement = BlockDecoder.decode(Fixtures.block(7)).transactions().get(0).actions().get(0).endorsements().get(0);
        SignedData tampered = new SignedData(endorsement.data().concat(ByteString.copyFromUtf8("!")),
                endorsement.signer(), endorsement.signature());

        assertFalse(tampered.verify());
    }

    @Test
    void aSignatureByAnotherIdentityDoesNotVerify() {
        List<SignedData> endorsements = BlockDecoder.decode(Fixtures.block(7)).transactions().get(0).actions().get(0).endorsements();
        SignedData first = endorsements.get(0);
        SignedData impostor = new SignedData(first.data(), endorsements.get(1).signer(), first.signature());

        assertFalse(impostor.verify());
    }
}
