package io.baas.fabric.gateway;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A peer whose Gateway service a client talks to: where it listens and the TLS CA certificates its
 * server certificate chains to (its organization's TLS CA).
 */
public record GatewayPeer(String host, int port, List<X509Certificate> tlsCas) {

    public GatewayPeer {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a gateway peer needs a host and a port between 1 and 65535");
        }
        if (tlsCas == null || tlsCas.isEmpty()) {
            throw new IllegalArgumentException("gateway peer " + host + ":" + port + " needs the TLS CA that issued its certificate");
        }
        tlsCas = List.copyOf(tlsCas);
    }

    public String address() {
        return host + ":" + port;
    }
}
