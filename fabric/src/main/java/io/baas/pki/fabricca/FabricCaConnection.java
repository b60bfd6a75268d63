package io.baas.pki.fabricca;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an organization's existing Fabric CA: its URL (HTTPS), the certificate that its
 * TLS server certificate must chain to, the CA of the server that issues signing certificates
 * ({@code caname}; empty: the server's default CA), the CA that issues TLS certificates (empty:
 * the same CA, with its {@code tls} profile), and the affiliation new identities are registered
 * under (empty: none, which Fabric CA allows registrars with the root affiliation). Nothing secret.
 */
public record FabricCaConnection(URI url, X509Certificate tlsTrust, Optional<String> caName, Optional<String> tlsCaName,
                                 String affiliation) {

    public FabricCaConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tlsTrust, "tlsTrust");
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new FabricCaException(400, "the Fabric CA URL must be https://host[:port]");
        }
        caName = caName.filter(name -> !name.isBlank());
        tlsCaName = tlsCaName.filter(name -> !name.isBlank());
        affiliation = affiliation == null ? "" : affiliation;
    }

    /** Whether TLS certificates come from a CA of their own (a TLS CA) rather than the signing CA's tls profile. */
    public boolean separateTlsCa() {
        return tlsCaName.isPresent() && !tlsCaName.equals(caName);
    }

    public FabricCaClient client(Duration timeout) {
        return new FabricCaClient(url, tlsTrust, timeout);
    }
}
