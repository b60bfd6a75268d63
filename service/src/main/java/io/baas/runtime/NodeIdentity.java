package io.baas.runtime;

import io.baas.pki.Identity;
import io.baas.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Who a node is, for runtimes that run it themselves rather than mounting its material: its
 * organization's MSP ID, its held identity, and its organization's CA and TLS CA chains (issuing CA first).
 */
public record NodeIdentity(String mspId, Identity identity, String caPem, String tlsCaPem) {

    public List<X509Certificate> tlsCas() {
        return Pem.certificates(tlsCaPem);
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + mspId + ", " + identity.name() + "]"; // never the keys
    }
}
