package io.baas.fabric.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * ECDSA over SHA-256 with ASN.1 DER signatures, as Fabric's BCCSP signs and verifies. Fabric
 * rejects high-S signatures (s greater than half the curve order) to rule out malleable
 * duplicates, so verification here does too.
 */
public final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        if (!(key instanceof ECPublicKey ecKey) || !isLowS(ecKey, derSignature)) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(derSignature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean isLowS(ECPublicKey key, byte[] derSignature) {
        BigInteger s;
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(derSignature);
            if (sequence.size() != 2) {
                return false;
            }
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        } catch (IllegalArgumentException e) {
            return false;
        }
        BigInteger halfOrder = key.getParams().getOrder().shiftRight(1);
        return s.signum() > 0 && s.compareTo(halfOrder) <= 0;
    }
}
