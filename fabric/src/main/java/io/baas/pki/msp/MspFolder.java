package io.baas.pki.msp;

import io.baas.pki.CertifiedKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * An MSP folder read back and checked. {@code signer} is present for a local MSP (signcerts and
 * keystore) and absent for an organization's public MSP. toString never shows the key.
 */
public record MspFolder(List<X509Certificate> caCerts, List<X509Certificate> intermediateCerts,
        List<X509Certificate> tlsCaCerts, List<X509Certificate> tlsIntermediateCerts, List<X509Certificate> adminCerts,
        Optional<NodeOuConfig> nodeOus, Optional<CertifiedKey> signer) {

    public MspFolder {
        caCerts = List.copyOf(caCerts);
        intermediateCerts = List.copyOf(intermediateCerts);
        tlsCaCerts = List.copyOf(tlsCaCerts);
        tlsIntermediateCerts = List.copyOf(tlsIntermediateCerts);
        adminCerts = List.copyOf(adminCerts);
    }
}
