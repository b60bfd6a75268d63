package io.baas.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Key identifiers as cryptogen and Fabric's BCCSP compute them: SHA-256 over the subjectPublicKey
 * bits (RFC 7093 section 2, method 4, the full 32 bytes). So a certificate's SKI equals the id
 * Fabric gives its key, and equals cryptogen's for the same key.
 */
public final class SubjectKeyIds {

    private SubjectKeyIds() {}

    public static byte[] of(PublicKey publicKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(EcKeys.encodedPoint(publicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new PkiException("the JDK has no SHA-256", e);
        }
    }

    public static String hex(PublicKey publicKey) {
        return HexFormat.of().formatHex(of(publicKey));
    }

    public static Optional<byte[]> subjectKeyId(X509Certificate certificate) {
        return extensionOctets(certificate, Extension.subjectKeyIdentifier)
                .map(octets -> ASN1OctetString.getInstance(octets).getOctets());
    }

    public static Optional<byte[]> authorityKeyId(X509Certificate certificate) {
        return extensionOctets(certificate, Extension.authorityKeyIdentifier)
                .map(octets -> AuthorityKeyIdentifier.getInstance(octets).getKeyIdentifierOctets());
    }

    private static Optional<byte[]> extensionOctets(X509Certificate certificate, ASN1ObjectIdentifier oid) {
        byte[] wrapped = certificate.getExtensionValue(oid.getId());
        return Optional.ofNullable(wrapped).map(value -> ASN1OctetString.getInstance(value).getOctets());
    }
}
