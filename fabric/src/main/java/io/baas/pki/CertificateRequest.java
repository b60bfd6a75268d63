package io.baas.pki;

import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;

/** What a CA is asked to certify: a subject, its public key, a profile and its SANs. */
public record CertificateRequest(X500Name subject, PublicKey publicKey, CertificateProfile profile,
        AlternativeNames alternativeNames) {

    public CertificateRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(alternativeNames, "alternativeNames");
        EcKeys.requireP256(publicKey);
        if (profile == CertificateProfile.TLS_SERVER_AND_CLIENT && alternativeNames.isEmpty()) {
            throw new PkiException("a TLS server certificate needs at least one subject alternative name");
        }
    }
}
