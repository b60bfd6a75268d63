package io.baas.reconcile;

import io.baas.crd.Organization;
import io.baas.pki.CaCertificates;
import io.baas.pki.Pem;
import java.time.Instant;

/** What an organization's status says about its CAs: the public chains others need and when they end. */
final class OrganizationStatuses {

    private OrganizationStatuses() {
    }

    /** The current status (or a new one) with the CA certificates; conditions and generation are kept. */
    static Organization.Status withCertificates(Organization.Status current, CaCertificates cas) {
        Organization.Status status = current == null ? new Organization.Status() : current;
        status.phase = status.phase == null ? Organization.Status.Phase.READY : status.phase;
        status.caCertificate = Pem.encode(cas.signingChain());
        status.tlsCaCertificate = Pem.encode(cas.tlsChain());
        // The earlier of the two: when the first CA certificate the organization depends on expires.
        Instant signing = cas.signingCa().getNotAfter().toInstant();
        Instant tls = cas.tlsCa().getNotAfter().toInstant();
        status.caNotAfter = (signing.isBefore(tls) ? signing : tls).toString();
        return status;
    }
}
