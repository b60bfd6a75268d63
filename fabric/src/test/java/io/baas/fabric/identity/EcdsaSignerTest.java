package io.baas.fabric.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.baas.fabric.Fixtures;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class EcdsaSignerTest {

    static EcdsaSigner org1Admin() {
        return Fixtures.signer("org1.example.com", "Admin", "Org1MSP");
    }

    @Test
    void signaturesVerifyUnderFabricsLowSRule() {
        EcdsaSigner signer = org1Admin();
        // Half of raw ECDSA signatures have a high S; 40 tries leave no chance to miss the fold.
        for (int i = 0; i < 40; i++) {
            ByteString message = ByteString.copyFromUtf8("config update " + i);
            SignedData signed = new SignedData(message, signer.identity(), signer.sign(message));
            assertTrue(signed.verify(), "signature " + i);
        }
    }

    /** The JDK's own verifier (not the library's) accepts them: standard DER ECDSA over SHA-256, k random. */
    @Test
    void signaturesVerifyWithTheJdksVerifierAndDiffer() throws Exception {
        EcdsaSigner signer = org1Admin();
        ByteString message = ByteString.copyFromUtf8("endorsement");
        ByteString first = signer.sign(message);
        ByteString second = signer.sign(message);
        for (ByteString signature : java.util.List.of(first, second)) {
            java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
            jdk.initVerify(signer.identity().certificate().getPublicKey());
            jdk.update(message.toByteArray());
            assertTrue(jdk.verify(signature.toByteArray()));
        }
        assertTrue(!first.equals(second), "a fresh k for every signature");
    }

    @Test
    void aHighSSignatureIsFoldedAndALowSOneKept() throws Exception {
        ECPublicKey key = (ECPublicKey) org1Admin().identity().certificate().getPublicKey();
        BigInteger order = key.getParams().getOrder();
        byte[] low = new DERSequence(new ASN1Integer[] {new ASN1Integer(7), new ASN1Integer(5)}).getEncoded();
        byte[] high = new DERSequence(new ASN1Integer[] {new ASN1Integer(7), new ASN1Integer(order.subtract(BigInteger.valueOf(5)))})
                .getEncoded();

        assertArrayEquals(low, EcdsaSigner.toLowS(low, order));
        assertArrayEquals(low, EcdsaSigner.toLowS(high, order));
        assertEquals(BigInteger.valueOf(5),
                ASN1Integer.getInstance(ASN1Sequence.getInstance(EcdsaSigner.toLowS(high, order)).getObjectAt(1)).getValue());
    }

    @Test
    void aSignatureByAnotherKeyDoesNotVerifyForTheIdentity() throws Exception {
        FabricIdentity admin = org1Admin().identity();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        EcdsaSigner impostor = new EcdsaSigner(admin, generator.generateKeyPair().getPrivate());
        ByteString message = ByteString.copyFromUtf8("hello");

        assertFalse(new SignedData(message, admin, impostor.sign(message)).verify());
    }

    @Test
    void rejectsKeysThatAreNotEcOrNotPkcs8() throws Exception {
        FabricIdentity admin = org1Admin().identity();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);

        assertThrows(IdentityException.class, () -> new EcdsaSigner(admin, rsa.generateKeyPair().getPrivate()));
        assertThrows(IdentityException.class, () -> EcdsaSigner.fromPkcs8Pem(admin, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    }
}
