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

    /** Signatures found good, remembered: a verdict depends only on key, message and signature. */
    private static final int VERIFIED_LIMIT = 16_384;
    private static final ConcurrentHashMap<Verified, Boolean> VERIFIED = new ConcurrentHashMap<>();

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
        byte[] digest = io.baas.fabric.Sha256.newDigest().digest(message);
        Verified verified = new Verified(key, digest, derSignature);
        if (VERIFIED.containsKey(verified)) {
            return true;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        if (!verifier.verifySignature(digest, rs[0], rs[1])) {
            return false;
        }
        if (VERIFIED.size() >= VERIFIED_LIMIT) {
            VERIFIED.clear();
        }
        VERIFIED.put(verified, Boolean.TRUE);
        return true;
    }

    /**
     * A signature found good: the key, the message's SHA-256 and the signature's bytes, compared in
     * full. The same signature is checked many times (a proposal by the endorser and its ACL, an
     * endorsement by the gateway and every committing peer, in one JVM by every sandbox node).
     */
    private record Verified(PublicKey key, byte[] digest, byte[] signature) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Verified that && Arrays.equals(digest, that.digest) && Arrays.equals(signature, that.signature)
                    && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(digest) + Arrays.hashCode(signature);
        }
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
