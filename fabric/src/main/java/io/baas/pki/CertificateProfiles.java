package io.baas.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Recognizes the profile of an existing certificate, ours or cryptogen's, from its extensions. */
final class CertificateProfiles {

    private CertificateProfiles() {}

    static CertificateProfile classify(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            boolean selfSigned = certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
            return selfSigned ? CertificateProfile.ROOT_CA : CertificateProfile.INTERMEDIATE_CA;
        }
        List<String> purposes = extendedKeyUsages(certificate);
        if (purposes.contains(KeyPurposeId.id_kp_serverAuth.getId())) {
            return CertificateProfile.TLS_SERVER_AND_CLIENT;
        }
        if (purposes.contains(KeyPurposeId.id_kp_clientAuth.getId())) {
            return CertificateProfile.TLS_CLIENT;
        }
        return CertificateProfile.SIGNING;
    }

    static List<String> extendedKeyUsages(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes == null ? List.of() : purposes;
        } catch (CertificateParsingException e) {
            throw new PkiException("unreadable extended key usage", e);
        }
    }
}
