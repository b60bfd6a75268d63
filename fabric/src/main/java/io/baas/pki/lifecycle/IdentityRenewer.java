package io.baas.pki.lifecycle;

import io.baas.pki.CertificateAuthority;
import io.baas.pki.CertifiedKey;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import java.util.Objects;
import java.util.Optional;

/**
 * Renews an identity's certificates that are due, with the same keys, subjects and SANs, so
 * nothing that pins them (channel configurations, NodeOU checks, peers' TLS trust) changes.
 * Revoked identities are never renewed.
 */
public final class IdentityRenewer {

    private final OrganizationCas cas;
    private final RenewalPolicy policy;

    public IdentityRenewer(OrganizationCas cas, RenewalPolicy policy) {
        this.cas = Objects.requireNonNull(cas, "cas");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The identity with its due certificates renewed, or empty when none is due. */
    public Optional<Identity> renewDue(Identity identity, RevocationList revocations) {
        revocations.requireNotRevoked(identity);
        CertifiedKey signing = renewIfDue(identity.signing(), cas.signingCa());
        CertifiedKey tls = renewIfDue(identity.tls(), cas.tlsCa());
        if (signing == identity.signing() && tls == identity.tls()) {
            return Optional.empty();
        }
        return Optional.of(identity.withSigning(signing).withTls(tls));
    }

    private CertifiedKey renewIfDue(CertifiedKey current, CertificateAuthority ca) {
        boolean due = policy.decide(current.certificate(), ca.clock().instant()).shouldRenew();
        return due ? current.withCertificate(ca.reissue(current.certificate())) : current;
    }
}
