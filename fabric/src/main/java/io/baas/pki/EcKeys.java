package io.baas.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/** ECDSA P-256 keys, the only kind Fabric's default MSP and cryptogen use. */
public final class EcKeys {

    static final String CURVE = "secp256r1";
    private static final X9ECParameters P256 = CustomNamedCurves.getByName(CURVE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private EcKeys() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("the JDK cannot generate " + CURVE + " keys", e);
        }
    }

    /** The order n of the P-256 group, which bounds ECDSA's s values. */
    static BigInteger order() {
        return P256.getN();
    }

    /** Whether the public key is the one that belongs to the private key (d·G = Q). */
    public static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        if (!(privateKey instanceof ECPrivateKey ecPrivate) || !(publicKey instanceof ECPublicKey ecPublic)) {
            return false;
        }
        ECPoint derived = P256.getG().multiply(ecPrivate.getS()).normalize();
        return derived.getAffineXCoord().toBigInteger().equals(ecPublic.getW().getAffineX())
                && derived.getAffineYCoord().toBigInteger().equals(ecPublic.getW().getAffineY());
    }

    /** Requires an EC key on P-256; other curves and RSA are refused rather than half supported. */
    public static void requireP256(PublicKey publicKey) {
        if (!(publicKey instanceof ECPublicKey ecPublic)
                || ecPublic.getParams().getCurve().getField().getFieldSize() != 256
                || !ecPublic.getParams().getOrder().equals(order())) {
            throw new PkiException("only ECDSA P-256 keys are supported, got " + publicKey.getAlgorithm());
        }
    }

    /** The subjectPublicKey bits: the uncompressed point 04||X||Y. */
    static byte[] encodedPoint(PublicKey publicKey) {
        return SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData().getBytes();
    }
}
