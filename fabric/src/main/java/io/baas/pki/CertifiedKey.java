package io.baas.pki;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate together with the private key of its public key. The pairing is checked on
 * construction, and {@link #toString()} never shows the key.
 */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {

    public CertifiedKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!EcKeys.belongTogether(privateKey, certificate.getPublicKey())) {
            throw new KeyMismatchException("the private key does not belong to the certificate of "
                    + certificate.getSubjectX500Principal().getName());
        }
    }

    public static CertifiedKey fromPem(String certificatePem, String privateKeyPem) {
        return new CertifiedKey(Pem.certificate(certificatePem), Pem.privateKey(privateKeyPem));
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    /** A copy with another certificate for the same key, as renewal produces. */
    public CertifiedKey withCertificate(X509Certificate renewed) {
        return new CertifiedKey(renewed, privateKey);
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    public String privateKeyPem() {
        return Pem.encodePrivateKey(privateKey);
    }

    @Override
    public String toString() {
        return "CertifiedKey[subject=" + certificate.getSubjectX500Principal().getName()
                + ", serial=" + certificate.getSerialNumber().toString(16)
                + ", privateKey=<redacted>]";
    }
}
