package io.baas.organization;

import java.util.Map;

/**
 * An exported identity, everything an application needs to act as it: the signing certificate and
 * key, the TLS client certificate and key, the organization's CA and TLS CA chains, and a Fabric
 * common connection profile (its peers appear once the organization runs nodes).
 */
public record Wallet(String organization, String mspId, String identity, String role, String certificate, String privateKey,
                     String tlsCertificate, String tlsPrivateKey, String caCertificates, String tlsCaCertificates,
                     Map<String, Object> connectionProfile) {

    @Override
    public String toString() {
        return "Wallet[" + organization + "/" + identity + ", keys redacted]";
    }
}
