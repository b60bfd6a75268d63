package io.baas.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Validates certificate chains with the JDK's PKIX CertPathValidator at the time of a clock,
 * and checks extended key usages, which PKIX leaves to the application. Revocation is the
 * platform's own business ({@code lifecycle.RevocationList}), so PKIX revocation checking is off.
 * The static checks ({@link #issued}, {@link #brokenLink}) are the one signature check of the
 * package for CA chains that are ordered or loaded rather than validated at a time.
 */
public final class ChainVerifier {

    private final Clock clock;

    public ChainVerifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param chain the end entity first, then intermediates; trust anchors in it are ignored
     * @param trustAnchors the roots to accept
     * @param requiredPurposes extended key usages the end entity must carry
     */
    public PKIXCertPathValidatorResult verify(List<X509Certificate> chain, Collection<X509Certificate> trustAnchors,
            KeyPurposeId... requiredPurposes) {
        if (chain.isEmpty()) {
            throw new CertificateChainException("empty certificate chain");
        }
        if (trustAnchors.isEmpty()) {
            throw new CertificateChainException("no trust anchors");
        }
        X509Certificate endEntity = chain.get(0);
        List<X509Certificate> path = chain.stream().filter(certificate -> !trustAnchors.contains(certificate)).toList();
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            Set<TrustAnchor> anchors = trustAnchors.stream()
                    .map(anchor -> new TrustAnchor(anchor, null))
                    .collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            PKIXCertPathValidatorResult result =
                    (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            requirePurposes(endEntity, requiredPurposes);
            return result;
        } catch (CertPathValidatorException e) {
            throw new CertificateChainException("'" + endEntity.getSubjectX500Principal().getName()
                    + "' does not validate at " + clock.instant() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateChainException("cannot validate a certificate chain", e);
        }
    }

    /** Whether {@code parent} issued {@code child}: the names chain and the signature verifies with the parent's key. */
    public static boolean issued(X509Certificate parent, X509Certificate child) {
        if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The first certificate of an ordered chain (the lowest first, a self-signed root last) that
     * the next one did not issue, or the root when it is not self-signed; empty when the chain holds.
     */
    public static OptionalInt brokenLink(List<X509Certificate> chain) {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = i + 1 < chain.size() ? chain.get(i + 1) : child;
            if (!issued(parent, child)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static void requirePurposes(X509Certificate endEntity, KeyPurposeId... requiredPurposes) {
        List<String> purposes = CertificateProfiles.extendedKeyUsages(endEntity);
        for (KeyPurposeId required : requiredPurposes) {
            if (!purposes.contains(required.getId())) {
                throw new CertificateChainException("'" + endEntity.getSubjectX500Principal().getName()
                        + "' lacks extended key usage " + required.getId());
            }
        }
    }
}
