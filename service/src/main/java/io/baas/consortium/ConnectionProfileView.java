package io.baas.consortium;

import java.util.List;
import java.util.Map;

/**
 * What an application of an organization needs to reach its consortium's network, never a key:
 * Fabric's common connection profile (as JSON and as YAML) and, for fabric-gateway, the endpoint of
 * one of its peers with the TLS CA to trust and a Java snippet.
 *
 * @param gateway empty while none of the organization's peers runs
 */
public record ConnectionProfileView(String organization, String mspId, String consortium, List<String> channels,
                                    Map<String, Object> profile, String profileYaml, Gateway gateway) {

    /**
     * @param endpoint host:port of a running peer of the organization
     * @param hostnameOverride the name its TLS certificate carries for that host (the host itself)
     * @param tlsCaCertificate the PEM chain that signed the peer's TLS certificate
     */
    public record Gateway(String endpoint, String hostnameOverride, String mspId, String tlsCaCertificate, String snippet) {
    }
}
