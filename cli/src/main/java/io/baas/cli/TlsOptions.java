package io.baas.cli;

import io.baas.pki.CertifiedKey;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** TLS to a node: the CA that issued its server certificate, and for mutual TLS our own certificate and key. */
final class TlsOptions {

    @Option(names = "--tls-ca", required = true, paramLabel = "PEM", description = "TLS CA certificate(s) that issued the node's server certificate")
    Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "client TLS certificate (mutual TLS)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "client TLS private key (mutual TLS)")
    Path tlsKey;

    List<X509Certificate> trusted() {
        return CliFiles.certificates("--tls-ca", tlsCa);
    }

    Optional<CertifiedKey> client() {
        if (tlsCert == null && tlsKey == null) {
            return Optional.empty();
        }
        if (tlsCert == null || tlsKey == null) {
            throw new CliInputException("--tls-cert and --tls-key go together");
        }
        return Optional.of(CliFiles.certifiedKey("--tls-cert", tlsCert, "--tls-key", tlsKey));
    }

    CertifiedKey requiredClient() {
        return client().orElseThrow(() -> new CliInputException("this command needs mutual TLS: --tls-cert and --tls-key"));
    }
}
