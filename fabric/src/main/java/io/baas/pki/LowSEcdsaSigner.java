package io.baas.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

/**
 * SHA-256 with ECDSA whose s is always in the lower half of the group order. Fabric's BCCSP
 * refuses high-s signatures (transactions, Fabric CA tokens) and rewrites certificates to low-s
 * when it loads them, so producing low-s everywhere keeps bytes stable across both worlds.
 */
public final class LowSEcdsaSigner implements ContentSigner {

    private static final AlgorithmIdentifier SHA256_WITH_ECDSA =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private final PrivateKey privateKey;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public LowSEcdsaSigner(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    /** The DER signature (SEQUENCE of r and low s) over the SHA-256 digest of the data. */
    public static byte[] sign(PrivateKey privateKey, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(data);
            return toLowS(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new PkiException("ECDSA signing failed", e);
        }
    }

    /** Whether a DER ECDSA signature has s at most half the order, as Fabric requires. */
    public static boolean isLowS(byte[] derSignature) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(derSignature);
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        return s.compareTo(EcKeys.order().shiftRight(1)) <= 0;
    }

    static byte[] toLowS(byte[] derSignature) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(derSignature);
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        BigInteger n = EcKeys.order();
        if (s.compareTo(n.shiftRight(1)) <= 0) {
            return derSignature;
        }
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(n.subtract(s))})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiException("cannot encode an ECDSA signature", e);
        }
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return SHA256_WITH_ECDSA;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] signature = sign(privateKey, buffer.toByteArray());
        buffer.reset();
        return signature;
    }

    @Override
    public String toString() {
        return "LowSEcdsaSigner[key=<redacted>]";
    }
}
