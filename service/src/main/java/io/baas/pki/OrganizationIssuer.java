package io.baas.pki;

import io.baas.pki.lifecycle.RevocationReason;

/**
 * Where an organization's identities come from: the platform's own CAs, or an existing Fabric CA
 * reached over its REST API. Callers issue and read CA certificates through this, without asking
 * which one it is. Every identity's keys are generated here and never leave the platform's custody.
 */
public interface OrganizationIssuer {

    /** The organization's CA chains, public: for MSP folders, statuses and wallets. */
    CaCertificates certificates();

    /** A new identity (signing and TLS certificate, each with its own fresh key). */
    Identity issue(IdentityRequest request);

    /**
     * The platform has revoked an identity and refuses its further use. An external Fabric CA is
     * told too, so it can no longer enroll; the built-in CAs have nothing to do, since the
     * platform's own record is their revocation list.
     */
    default void revoked(String identity, RevocationReason reason) {
    }
}
