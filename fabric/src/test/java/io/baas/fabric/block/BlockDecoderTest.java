package io.baas.fabric.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.io.IOException;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.junit.jupiter.api.Test;

/** Blocks that are not what Fabric writes fail with a message that says which part is wrong. */
class BlockDecoderTest {

    @Test
    void rejectsBytesThatAreNotABlock() {
        BlockDecodingException e = assertThrows(BlockDecodingException.class,
                () -> BlockDecoder.decode(new byte[] {0x0a, 0x7f, 0x01}));
        assertTrue(e.getMessage().startsWith("cannot decode block"), e.getMessage());
    }

    @Test
    void rejectsABlockWithoutHeader() throws IOException {
        Block block = Block.parseFrom(Fixtures.block(3)).toBuilder().clearHeader().build();

        assertThrows(BlockDecodingException.class, () -> BlockDecoder.decode(block));
    }

    @Test
    void rejectsAValidationFilterOfTheWrongLength() throws IOException {
        Block block = withMetadata(Block.parseFrom(Fixtures.block(10)), BlockMetadataIndex.TRANSACTIONS_FILTER,
                ByteString.copyFrom(new byte[] {0}));

        BlockDecodingException e = assertThrows(BlockDecodingException.class, () -> BlockDecoder.decode(block));
        assertEquals("block 10 has 2 transactions but 1 validation codes", e.getMessage());
    }

    @Test
    void rejectsAnUnknownValidationCode() throws IOException {
        Block block = withMetadata(Block.parseFrom(Fixtures.block(3)), BlockMetadataIndex.TRANSACTIONS_FILTER,
                ByteString.copyFrom(new byte[] {(byte) 200}));

        BlockDecodingException e = assertThrows(BlockDecodingException.class, () -> BlockDecoder.decode(block));
        assertEquals("unknown validation code 200 for transaction 0", e.getMessage());
    }

    @Test
    void rejectsAnEnvelopeThatIsNotProtobuf() throws IOException {
        Block original = Block.parseFrom(Fixtures.block(3));
        Block block = original.toBuilder()
                .setData(original.getData().toBuilder().setData(0, ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})))
                .build();

        BlockDecodingException e = assertThrows(BlockDecodingException.class, () -> BlockDecoder.decode(block));
        assertTrue(e.getMessage().startsWith("cannot decode envelope 0"), e.getMessage());
    }

    @Test
    void rejectsACreatorThatIsNotACertificate() throws IOException {
        Block original = Block.parseFrom(Fixtures.block(3));
        BlockDecodingException e = assertThrows(BlockDecodingException.class, () -> BlockDecoder.decode(
                withMetadataSignatureCreator(original)));
        assertTrue(e.getMessage().startsWith("block signer: not an X.509 certificate"), e.getMessage());
    }

    private static Block withMetadataSignatureCreator(Block block) throws IOException {
        var metadata = org.hyperledger.fabric.protos.common.Metadata.parseFrom(block.getMetadata().getMetadata(0));
        var header = org.hyperledger.fabric.protos.common.SignatureHeader.newBuilder()
                .setCreator(org.hyperledger.fabric.protos.msp.SerializedIdentity.newBuilder()
                        .setMspid("OrdererMSP").setIdBytes(ByteString.copyFromUtf8("not a certificate")).build().toByteString())
                .build();
        var forged = metadata.toBuilder().setSignatures(0,
                metadata.getSignatures(0).toBuilder().setSignatureHeader(header.toByteString())).build();
        return withMetadata(block, BlockMetadataIndex.SIGNATURES, forged.toByteString());
    }

    private static Block withMetadata(Block block, BlockMetadataIndex index, ByteString value) {
        return block.toBuilder()
                .setMetadata(block.getMetadata().toBuilder().setMetadata(index.getNumber(), value))
                .build();
    }
}
