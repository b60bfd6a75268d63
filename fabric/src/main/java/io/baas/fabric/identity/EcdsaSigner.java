package io.baas.fabric.identity;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * A {@link Signer} over an ECDSA private key held in memory. Signs with BouncyCastle's ECDSA (random
 * k, SHA-256, low S as Fabric requires): the JDK's pure-Java P-256 took about a millisecond per
 * signature, and a peer signs every endorsement.
 */
public final class EcdsaSigner implements Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FabricIdentity identity;
    private final ECPrivateKey key;
    private final ECPrivateKeyParameters parameters;

    public EcdsaSigner(FabricIdentity identity, PrivateKey key) {
        if (!(key instanceof ECPrivateKey ecKey)) {
            throw new IdentityException("an ECDSA signer needs an EC private key, not " + key.getAlgorithm());
        }
        this.identity = identity;
        this.key = ecKey;
        try {
            this.parameters = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(ecKey);
        } catch (InvalidKeyException | ClassCastException e) {
            throw new IdentityException("an ECDSA signer needs a key on a named curve: " + e.getMessage(), e);
        }
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
        java.security.MessageDigest sha256 = io.baas.fabric.Sha256.newDigest();
        message.asReadOnlyByteBufferList().forEach(sha256::update);
        byte[] digest = sha256.digest();
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(parameters, RANDOM));
        BigInteger[] rs = signer.generateSignature(digest);
        try {
            byte[] der = new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded();
            return ByteString.copyFrom(toLowS(der, key.getParams().getOrder()));
        } catch (IOException e) {
            throw new IdentityException("cannot encode signature: " + e.getMessage(), e);
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
