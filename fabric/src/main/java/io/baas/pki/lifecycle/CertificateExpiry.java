package io.baas.pki.lifecycle;

import io.baas.pki.CaCertificates;
import io.baas.pki.Certificates;
import io.baas.pki.Identity;
import io.baas.pki.OrganizationCas;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a Prometheus gauge needs about one certificate: labels (organization, owner, purpose,
 * serial) and the expiry time, which alert rules compare with {@code time()}.
 */
public record CertificateExpiry(String mspId, String owner, String purpose, String serial, Instant notAfter,
        Duration remaining) {

    public static final String SIGNING = "signing";
    public static final String TLS = "tls";
    public static final String SIGNING_CA = "signing-ca";
    public static final String TLS_CA = "tls-ca";

    public static CertificateExpiry of(String mspId, String owner, String purpose, X509Certificate certificate, Clock clock) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new CertificateExpiry(mspId, owner, purpose, certificate.getSerialNumber().toString(16), notAfter,
                Duration.between(clock.instant(), notAfter));
    }

    /** The two certificates of an identity. */
    public static List<CertificateExpiry> of(String mspId, Identity identity, Clock clock) {
        return List.of(of(mspId, identity.name(), SIGNING, identity.signing().certificate(), clock),
                of(mspId, identity.name(), TLS, identity.tls().certificate(), clock));
    }

    /** The two CAs of an organization. */
    public static List<CertificateExpiry> of(OrganizationCas cas, Clock clock) {
        return of(cas.certificates(), clock);
    }

    /**
     * The CA certificates of an organization, built-in or from an external Fabric CA: each
     * certificate of both chains once (one Fabric CA may issue both, and roots may be shared).
     */
    public static List<CertificateExpiry> of(CaCertificates cas, Clock clock) {
        String mspId = cas.organization().mspId();
        java.util.Map<X509Certificate, String> purposes = new java.util.LinkedHashMap<>();
        cas.signingChain().forEach(certificate -> purposes.putIfAbsent(certificate, SIGNING_CA));
        cas.tlsChain().forEach(certificate -> purposes.putIfAbsent(certificate, TLS_CA));
        return purposes.entrySet().stream()
                .map(entry -> of(mspId, Certificates.commonName(entry.getKey()), entry.getValue(), entry.getKey(), clock))
                .toList();
    }

    /** The gauge's value: seconds since the epoch at which the certificate expires. */
    public long notAfterEpochSeconds() {
        return notAfter.getEpochSecond();
    }

    public boolean expired() {
        return remaining.isNegative();
    }
}
