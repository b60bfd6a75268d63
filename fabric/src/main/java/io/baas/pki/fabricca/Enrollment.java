package io.baas.pki.fabricca;

import io.baas.pki.CertifiedKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** What enrolling returns: the new certificate with its locally generated key, and the CA's chain. */
public record Enrollment(CertifiedKey key, List<X509Certificate> caChain) {

    public Enrollment {
        caChain = List.copyOf(caChain);
    }
}
