package io.baas.fabric.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * ECDSA over SHA-256 with ASN.1 DER signatures, as Fabric's BCCSP signs and verifies. Fabric
 * rejects high-S signatures (s greater than half the curve order) to rule out malleable
 * duplicates, so verification here does too, and, like Go's parser, it takes only a signature in
 * strict DER. The arithmetic is BouncyCastle's: about ten times faster than the JDK's P-256 here,
 * and blocks, endorsements and proposals are verified by the thousand.
 */
public final class EcdsaSignatures {

    /** Keys already converted to BouncyCastle's form, by the JDK key; more than this empty the map. */
    private static final int KNOWN_LIMIT = 4096;
    private static final ConcurrentHashMap<PublicKey, ECPublicKeyParameters> KNOWN = new ConcurrentHashMap<>();

    private EcdsaSignatures() {
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
        if (!(key instanceof ECPublicKey ecKey)) {
            return false;
        }
        BigInteger[] rs = strictDer(derSignature);
        if (rs == null || !isLowS(ecKey, rs[1]) || rs[0].signum() <= 0) {
            return false;
        }
        ECPublicKeyParameters parameters = parameters(ecKey);
        if (parameters == null) {
            return false;
        }
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(message, 0, message.length);
        byte[] digest = new byte[sha256.getDigestSize()];
        sha256.doFinal(digest, 0);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        return verifier.verifySignature(digest, rs[0], rs[1]);
    }

    static boolean isLowS(ECPublicKey key, byte[] derSignature) {
        BigInteger[] rs = strictDer(derSignature);
        return rs != null && isLowS(key, rs[1]);
    }

    private static boolean isLowS(ECPublicKey key, BigInteger s) {
        BigInteger halfOrder = key.getParams().getOrder().shiftRight(1);
        return s.signum() > 0 && s.compareTo(halfOrder) <= 0;
    }

    /** r and s of a DER SEQUENCE of two INTEGERs, or null for anything else (BER forms and trailing bytes included). */
    private static BigInteger[] strictDer(byte[] derSignature) {
        try {
            ASN1Primitive parsed = ASN1Primitive.fromByteArray(derSignature);
            if (!(parsed instanceof ASN1Sequence sequence) || sequence.size() != 2
                    || !Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), derSignature)) {
                return null;
            }
            return new BigInteger[] {ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(),
                    ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue()};
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ECPublicKeyParameters parameters(ECPublicKey key) {
        ECPublicKeyParameters known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        try {
            AsymmetricKeyParameter converted = ECUtil.generatePublicKeyParameter(key);
            if (!(converted instanceof ECPublicKeyParameters parameters)) {
                return null;
            }
            if (KNOWN.size() >= KNOWN_LIMIT) {
                KNOWN.clear();
            }
            KNOWN.put(key, parameters);
            return parameters;
        } catch (InvalidKeyException e) {
            return null;
        }
    }
}
