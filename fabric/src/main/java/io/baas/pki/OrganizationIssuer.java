package io.baas.pki;


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
     * A TLS server key and certificate alone (a chaincode server's), for the given Service names.
     * An external CA only enrolls registered identities, so this registers a node identity there
     * and keeps just its TLS half; the built-in CAs issue the TLS certificate alone.
     */
    default CertifiedKey issueServerTls(String name, java.util.List<ServiceAddress> services) {
        return issueServerTls(name, services, java.util.List.of());
    }

    /** @param extraHostsAndAddresses further names and IP addresses the certificate carries (where a host dials it) */
    default CertifiedKey issueServerTls(String name, java.util.List<ServiceAddress> services, java.util.Collection<String> extraHostsAndAddresses) {
        return issue(IdentityRequest.node(IdentityRole.PEER, name, services, extraHostsAndAddresses)).tls();
    }

    /**
     * The platform has revoked an identity and refuses its further use. An external Fabric CA is
     * told too, so it can no longer enroll; the built-in CAs have nothing to do, since the
     * platform's own record is their revocation list.
     */
    default void revoked(String identity, RevocationReason reason) {
    }
}
