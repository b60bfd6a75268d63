package io.baas.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The public side of an organization's CAs: the chain of the CA that issues signing certificates
 * and the chain of the CA that issues TLS certificates, each the issuing CA first and its root
 * last. This is all an MSP folder, a channel configuration or a wallet needs, whoever holds the
 * keys: the platform (built-in CAs) or an external Fabric CA. The two chains may be the same, as
 * when one Fabric CA issues both with its {@code tls} profile.
 */
public record CaCertificates(MspOrganization organization, List<X509Certificate> signingChain, List<X509Certificate> tlsChain) {

    public CaCertificates {
        Objects.requireNonNull(organization, "organization");
        signingChain = requireChain("signing", signingChain);
        tlsChain = requireChain("TLS", tlsChain);
    }

    /**
     * Puts a chain in order, the issuing CA first and its root last, whatever order a server
     * sent it in; refuses certificates that are not CAs or do not form one chain.
     */
    public static List<X509Certificate> ordered(List<X509Certificate> certificates) {
        if (certificates == null || certificates.isEmpty()) {
            throw new CertificateChainException("no CA certificates");
        }
        List<X509Certificate> remaining = new ArrayList<>(certificates);
        // The bottom is the one certificate that issued none of the others.
        List<X509Certificate> bottoms = remaining.stream()
                .filter(candidate -> remaining.stream().noneMatch(other -> other != candidate && ChainVerifier.issued(candidate, other)))
                .toList();
        if (bottoms.size() != 1) {
            throw new CertificateChainException("the CA certificates do not form one chain");
        }
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = bottoms.get(0);
        while (current != null) {
            chain.add(current);
            remaining.remove(current);
            X509Certificate child = current;
            current = remaining.stream().filter(parent -> ChainVerifier.issued(parent, child)).findFirst().orElse(null);
        }
        if (!remaining.isEmpty()) {
            throw new CertificateChainException("the CA certificates do not form one chain");
        }
        return List.copyOf(chain);
    }

    public X509Certificate signingCa() {
        return signingChain.get(0);
    }

    public X509Certificate tlsCa() {
        return tlsChain.get(0);
    }

    public X509Certificate signingRoot() {
        return signingChain.get(signingChain.size() - 1);
    }

    public X509Certificate tlsRoot() {
        return tlsChain.get(tlsChain.size() - 1);
    }

    private static List<X509Certificate> requireChain(String what, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new CertificateChainException("no " + what + " CA certificate");
        }
        for (X509Certificate certificate : chain) {
            if (certificate.getBasicConstraints() < 0) {
                throw new CertificateChainException("'" + certificate.getSubjectX500Principal().getName() + "' is not a CA certificate");
            }
        }
        ChainVerifier.brokenLink(chain).ifPresent(broken -> {
            throw new CertificateChainException(broken + 1 < chain.size()
                    ? "the " + what + " CA chain is not in order, the issuing CA first"
                    : "the " + what + " CA chain does not end in a self-signed root");
        });
        return List.copyOf(chain);
    }
}
