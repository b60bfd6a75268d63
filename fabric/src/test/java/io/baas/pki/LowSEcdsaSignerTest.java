package io.baas.pki;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class LowSEcdsaSignerTest {

    @Test
    void signaturesAlwaysHaveLowSAndVerify() throws Exception {
        KeyPair keyPair = EcKeys.generate();
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 64; i++) { // about half of raw ECDSA signatures have a high s
            byte[] signature = LowSEcdsaSigner.sign(keyPair.getPrivate(), data);
            assertTrue(LowSEcdsaSigner.isLowS(signature));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(keyPair.getPublic());
            verifier.update(data);
            assertTrue(verifier.verify(signature));
        }
    }
}
