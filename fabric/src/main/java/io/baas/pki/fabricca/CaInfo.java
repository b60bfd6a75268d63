package io.baas.pki.fabricca;

import java.security.cert.X509Certificate;
import java.util.List;

/** What {@code /api/v1/cainfo} tells: the CA's name and its certificate chain (as the server sent it). */
public record CaInfo(String caName, List<X509Certificate> caChain) {

    public CaInfo {
        caChain = List.copyOf(caChain);
    }
}
