package io.baas.fabric.identity;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/** A {@link Signer} over an ECDSA private key held in memory. */
public final class EcdsaSigner implements Signer {

    private final FabricIdentity identity;
    private final ECPrivateKey key;

    public EcdsaSigner(FabricIdentity identity, PrivateKey key) {
        if (!(key instanceof ECPrivateKey ecKey)) {
            throw new IdentityException("an ECDSA signer needs an EC private key, not " + key.getAlgorithm());
        }
        this.identity = identity;
        this.key = ecKey;
    }

    /** Reads an unencrypted PKCS#8 PEM key, the form cryptogen and fabric-ca write ({@code priv_sk}). */
    public static EcdsaSigner fromPkcs8Pem(FabricIdentity identity, String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new EcdsaSigner(identity, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IdentityException("not an unencrypted PKCS#8 EC private key: " + e.getMessage(), e);
        }
    }

    @Override
    public FabricIdentity identity() {
        return identity;
    }

    @Override
    public ByteString sign(ByteString message) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(message.asReadOnlyByteBuffer());
            return ByteString.copyFrom(toLowS(signature.sign(), key.getParams().getOrder()));
        } catch (GeneralSecurityException e) {
            throw new IdentityException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Fabric rejects s above half the curve order; (r, n - s) is the equivalent signature it accepts. */
    static byte[] toLowS(byte[] derSignature, BigInteger order) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(derSignature);
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        if (s.compareTo(order.shiftRight(1)) <= 0) {
            return derSignature;
        }
        try {
            return new DERSequence(new ASN1Integer[] {
                ASN1Integer.getInstance(sequence.getObjectAt(0)), new ASN1Integer(order.subtract(s))}).getEncoded();
        } catch (IOException e) {
            throw new IdentityException("cannot encode signature: " + e.getMessage(), e);
        }
    }
}
