package io.baas.fabric.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baas.fabric.Fixtures;
import io.baas.fabric.block.BlockDecoder;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {

    private final SignedData envelope = BlockDecoder.decode(Fixtures.block(8)).transactions().get(0).envelopeSignature().orElseThrow();

    @Test
    void acceptsTheLowSSignatureFabricWrote() {
        assertTrue(EcdsaSignatures.verify(envelope.signer().certificate().getPublicKey(),
                envelope.data().toByteArray(), envelope.signature().toByteArray()));
    }

    @Test
    void rejectsTheMathematicallyValidHighSTwin() throws Exception {
        ECPublicKey key = (ECPublicKey) envelope.signer().certificate().getPublicKey();
        ASN1Sequence signature = ASN1Sequence.getInstance(envelope.signature().toByteArray());
        BigInteger r = ASN1Integer.getInstance(signature.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(signature.getObjectAt(1)).getValue();
        byte[] highS = new DERSequence(new ASN1Integer[] {
            new ASN1Integer(r), new ASN1Integer(key.getParams().getOrder().subtract(s))}).getEncoded();

        assertFalse(EcdsaSignatures.verify(key, envelope.data().toByteArray(), highS));
    }

    @Test
    void rejectsGarbageSignatures() {
        assertFalse(EcdsaSignatures.verify(envelope.signer().certificate().getPublicKey(),
                envelope.data().toByteArray(), new byte[] {0x30, 0x01, 0x00}));
    }

    /** A signature found good is remembered, and only for its key, message and bytes. */
    @Test
    void aRememberedSignatureAnswersOnlyForItsOwnKeyMessageAndBytes() {
        EcdsaSigner signer = EcdsaSignerTest.org1Admin();
        EcdsaSigner other = Fixtures.signer("org2.example.com", "Admin", "Org2MSP");
        byte[] message = ("remembered " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = signer.sign(com.google.protobuf.ByteString.copyFrom(message)).toByteArray();
        java.security.PublicKey key = signer.identity().certificate().getPublicKey();

        assertTrue(EcdsaSignatures.verify(key, message, signature));
        assertTrue(EcdsaSignatures.verify(key, message.clone(), signature.clone()));

        byte[] changed = message.clone();
        changed[0] ^= 1;
        assertFalse(EcdsaSignatures.verify(key, changed, signature));
        assertFalse(EcdsaSignatures.verify(other.identity().certificate().getPublicKey(), message, signature));
        byte[] tampered = signature.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(EcdsaSignatures.verify(key, message, tampered));
    }
}
