package io.baas.pki;

import java.util.Objects;

/**
 * An issued identity: the MSP signing certificate and key, and the TLS certificate and key. The
 * two keys are distinct, as cryptogen's and Fabric CA's are. {@link #toString()} shows no key.
 */
public record Identity(String name, IdentityRole role, CertifiedKey signing, CertifiedKey tls) {

    public Identity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(tls, "tls");
    }

    public Identity withSigning(CertifiedKey renewed) {
        return new Identity(name, role, renewed, tls);
    }

    public Identity withTls(CertifiedKey renewed) {
        return new Identity(name, role, signing, renewed);
    }
}
