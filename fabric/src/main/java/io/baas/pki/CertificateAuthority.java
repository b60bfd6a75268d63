package io.baas.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A CA that issues certificates: its own certified key, the certificates above it (nearest first,
 * the root last; none for a self-signed root), the clock it issues by and its validity policy.
 */
public final class CertificateAuthority {

    private final CertifiedKey key;
    private final List<X509Certificate> issuers;
    private final Clock clock;
    private final ValidityPolicy validityPolicy;

    private CertificateAuthority(CertifiedKey key, List<X509Certificate> issuers, Clock clock, ValidityPolicy validityPolicy) {
        this.key = key;
        this.issuers = List.copyOf(issuers);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validityPolicy = Objects.requireNonNull(validityPolicy, "validityPolicy");
    }

    /** A new self-signed root with a fresh key. */
    public static CertificateAuthority createRoot(X500Name subject, Clock clock, ValidityPolicy validityPolicy) {
        KeyPair keyPair = EcKeys.generate();
        CertificateRequest request = new CertificateRequest(subject, keyPair.getPublic(), CertificateProfile.ROOT_CA,
                AlternativeNames.NONE);
        Validity validity = window(clock, validityPolicy, validityPolicy.caValidity());
        X509Certificate certificate = CertificateMinter.mint(request, validity,
                new CertificateMinter.Issuer(subject, keyPair.getPrivate(), Optional.empty()));
        return new CertificateAuthority(new CertifiedKey(certificate, keyPair.getPrivate()), List.of(), clock, validityPolicy);
    }

    /**
     * An existing CA, such as an imported root or one read back from its Secret. Its certificate
     * must be a CA allowed to sign certificates, and each certificate must be signed by the next.
     */
    public static CertificateAuthority load(CertifiedKey key, List<X509Certificate> issuers, Clock clock,
            ValidityPolicy validityPolicy) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(key.certificate());
        chain.addAll(issuers);
        chain.forEach(CertificateAuthority::requireSigningCa);
        ChainVerifier.brokenLink(chain).ifPresent(broken -> {
            X509Certificate child = chain.get(broken);
            throw new CertificateChainException(broken + 1 < chain.size()
                    ? "'" + name(child) + "' is not signed by '" + name(chain.get(broken + 1)) + "'"
                    : "the last certificate '" + name(child) + "' is not a self-signed root");
        });
        return new CertificateAuthority(key, issuers, clock, validityPolicy);
    }

    /** A CA under this one with a fresh key; it may issue end entities only (path length 0). */
    public CertificateAuthority createIntermediate(X500Name subject) {
        if (key.certificate().getBasicConstraints() == 0) {
            throw new PkiException("'" + name(certificate()) + "' has path length 0 and cannot have intermediates");
        }
        KeyPair keyPair = EcKeys.generate();
        X509Certificate certificate = issue(new CertificateRequest(subject, keyPair.getPublic(),
                CertificateProfile.INTERMEDIATE_CA, AlternativeNames.NONE));
        return new CertificateAuthority(new CertifiedKey(certificate, keyPair.getPrivate()), chain(), clock, validityPolicy);
    }

    /** Certifies a request now, for the policy's period, cut at this CA's own expiry. */
    public X509Certificate issue(CertificateRequest request) {
        Instant now = clock.instant();
        X509Certificate own = certificate();
        if (now.isAfter(own.getNotAfter().toInstant()) || now.isBefore(own.getNotBefore().toInstant())) {
            throw new PkiException("CA '" + name(own) + "' is not valid at " + now + " (valid "
                    + own.getNotBefore().toInstant() + " to " + own.getNotAfter().toInstant() + ")");
        }
        boolean ca = request.profile().isCertificateAuthority();
        Validity validity = window(clock, validityPolicy, ca ? validityPolicy.caValidity() : validityPolicy.identityValidity())
                .endingNoLaterThan(own.getNotAfter().toInstant());
        return CertificateMinter.mint(request, validity, new CertificateMinter.Issuer(
                X500Name.getInstance(own.getSubjectX500Principal().getEncoded()), key.privateKey(),
                Optional.of(SubjectKeyIds.of(own.getPublicKey()))));
    }

    /**
     * Renewal: a new certificate for the same public key, subject and SANs, in the same role,
     * valid from now. Nothing that pins the key (channel configs, NodeOU checks) has to change.
     */
    public X509Certificate reissue(X509Certificate existing) {
        if (!ChainVerifier.issued(certificate(), existing)) {
            throw new CertificateChainException("'" + name(existing) + "' was not issued by CA '" + name(certificate()) + "'");
        }
        return issue(new CertificateRequest(X500Name.getInstance(existing.getSubjectX500Principal().getEncoded()),
                existing.getPublicKey(), CertificateProfiles.classify(existing), AlternativeNames.of(existing)));
    }

    /**
     * Renews a self-signed root: a new certificate for the same key and subject, valid from now for
     * the policy's CA period. The key, and so the SKI, stays: certificates this CA issued before
     * (their AKI is that SKI) validate under the renewed certificate, and an MSP that pins the CA
     * by its key sees the same CA. An intermediate cannot renew itself: its issuer must re-sign it.
     */
    public CertificateAuthority renewRoot() {
        if (!isRoot()) {
            throw new PkiException("CA '" + name(certificate()) + "' is an intermediate: only its issuer can renew it");
        }
        X500Name subject = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
        CertificateRequest request = new CertificateRequest(subject, key.publicKey(), CertificateProfile.ROOT_CA, AlternativeNames.NONE);
        X509Certificate renewed = CertificateMinter.mint(request, window(clock, validityPolicy, validityPolicy.caValidity()),
                new CertificateMinter.Issuer(subject, key.privateKey(), Optional.empty()));
        return new CertificateAuthority(key.withCertificate(renewed), List.of(), clock, validityPolicy);
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public CertifiedKey certifiedKey() {
        return key;
    }

    /** This CA's certificate followed by its issuers up to the root. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate());
        chain.addAll(issuers);
        return List.copyOf(chain);
    }

    /** The issuers above this CA (nearest first); empty for a root. */
    public List<X509Certificate> issuers() {
        return issuers;
    }

    public X509Certificate root() {
        return issuers.isEmpty() ? certificate() : issuers.get(issuers.size() - 1);
    }

    public boolean isRoot() {
        return issuers.isEmpty();
    }

    /** The subject's CN, which names the CA's files (cryptogen: {@code <cn>-cert.pem}). */
    public String commonName() {
        return Certificates.commonName(certificate());
    }

    public Clock clock() {
        return clock;
    }

    public ValidityPolicy validityPolicy() {
        return validityPolicy;
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + name(certificate()) + ", issuers=" + issuers.size() + ", privateKey=<redacted>]";
    }

    private static Validity window(Clock clock, ValidityPolicy policy, Duration lifetime) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(policy.backdate());
        return new Validity(notBefore, notBefore.plus(lifetime));
    }

    private static void requireSigningCa(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        boolean mayCertify = keyUsage == null || keyUsage[5];
        if (certificate.getBasicConstraints() < 0 || !mayCertify) {
            throw new CertificateChainException("'" + name(certificate) + "' is not a CA certificate allowed to sign certificates");
        }
    }

    private static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
