package io.baas.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/** A CA brought in from outside: its certified key and the certificates above it (nearest first). */
public record ImportedCa(CertifiedKey key, List<X509Certificate> issuers) {

    public ImportedCa {
        issuers = List.copyOf(issuers);
    }

    /** From PEM text: the certificate chain (the CA first) and its private key. */
    public static ImportedCa fromPem(String certificateChainPem, String privateKeyPem) {
        List<X509Certificate> chain = Pem.certificates(certificateChainPem);
        return new ImportedCa(new CertifiedKey(chain.get(0), Pem.privateKey(privateKeyPem)), chain.subList(1, chain.size()));
    }
}
