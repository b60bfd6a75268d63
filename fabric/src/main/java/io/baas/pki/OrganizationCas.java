package io.baas.pki;

import java.util.Objects;

/** An organization's two CAs: one for MSP identities (signing), one for TLS. */
public record OrganizationCas(MspOrganization organization, CertificateAuthority signingCa, CertificateAuthority tlsCa) {

    public OrganizationCas {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(signingCa, "signingCa");
        Objects.requireNonNull(tlsCa, "tlsCa");
        if (signingCa.certificate().getPublicKey().equals(tlsCa.certificate().getPublicKey())) {
            // Separate keys, so a compromised TLS CA cannot mint transaction signers.
            throw new PkiException("the signing CA and the TLS CA must not share a key");
        }
    }

    /** The public chains, for MSP folders and statuses. */
    public CaCertificates certificates() {
        return new CaCertificates(organization, signingCa.chain(), tlsCa.chain());
    }
}
