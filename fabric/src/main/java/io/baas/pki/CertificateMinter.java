package io.baas.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** Turns a request, a validity window and an issuer into a signed X.509 v3 certificate. */
final class CertificateMinter {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who signs: its name, its key, and its key identifier (absent for a self-signed root). */
    record Issuer(X500Name name, PrivateKey key, Optional<byte[]> keyId) {
        @Override
        public String toString() {
            return "Issuer[" + name + ", key=<redacted>]";
        }
    }

    private CertificateMinter() {}

    static X509Certificate mint(CertificateRequest request, Validity validity, Issuer issuer) {
        CertificateProfile profile = request.profile();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer.name(), serialNumber(),
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), request.subject(),
                SubjectPublicKeyInfo.getInstance(request.publicKey().getEncoded()));
        try {
            // The order of cryptogen's certificates: KU, EKU, BC, SKI, AKI, SAN.
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()));
            if (!profile.extendedKeyUsages().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
            }
            builder.addExtension(Extension.basicConstraints, true, basicConstraints(profile));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new SubjectKeyIdentifier(SubjectKeyIds.of(request.publicKey())));
            if (issuer.keyId().isPresent()) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(issuer.keyId().get()));
            }
            if (!request.alternativeNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        request.alternativeNames().toGeneralNames());
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(new LowSEcdsaSigner(issuer.key())));
        } catch (IOException | CertificateException e) {
            throw new PkiException("cannot build a certificate for " + request.subject(), e);
        }
    }

    private static BasicConstraints basicConstraints(CertificateProfile profile) {
        return switch (profile) {
            case ROOT_CA -> new BasicConstraints(true);
            case INTERMEDIATE_CA -> new BasicConstraints(0);
            default -> new BasicConstraints(false);
        };
    }

    /** 128 random bits, as cryptogen: unpredictable serials, never zero, well under 20 octets. */
    private static BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }
}
