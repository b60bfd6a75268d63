package io.baas.fabric.sandbox;

import io.baas.fabric.identity.Signer;
import io.baas.pki.CertifiedKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What an ordering node is: the identity that signs blocks and config transactions, its TLS key
 * and certificate (with the issuers to present), the TLS CAs whose clients may administer channels,
 * the clock that decides certificate expiry and timestamps, the address it binds to, and where it
 * keeps its blocks (in memory when empty).
 */
public record OrdererSettings(Signer signer, CertifiedKey tls, List<X509Certificate> tlsIssuers,
        List<X509Certificate> adminTlsCas, Clock clock, String host, java.util.Optional<java.nio.file.Path> dataDirectory) {

    public OrdererSettings {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(tls, "tls");
        tlsIssuers = List.copyOf(tlsIssuers);
        adminTlsCas = List.copyOf(adminTlsCas);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (adminTlsCas.isEmpty()) {
            throw new IllegalArgumentException("the participation API needs at least one admin TLS CA");
        }
    }

    /** Loopback only, ports chosen by the system. */
    public static OrdererSettings loopback(Signer signer, CertifiedKey tls, List<X509Certificate> adminTlsCas, Clock clock) {
        return new OrdererSettings(signer, tls, List.of(), adminTlsCas, clock, "127.0.0.1", java.util.Optional.empty());
    }

    /** The same node keeping its channels' blocks in this directory, and finding them there when started again. */
    public OrdererSettings withDataDirectory(java.nio.file.Path directory) {
        return new OrdererSettings(signer, tls, tlsIssuers, adminTlsCas, clock, host, java.util.Optional.of(directory));
    }
}
