package io.baas.pki.k8s;

import io.baas.pki.CaCertificates;
import io.baas.pki.CertifiedKey;
import io.baas.pki.DnsNames;
import io.baas.pki.MspOrganization;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import io.baas.pki.fabricca.FabricCaConnection;
import io.baas.pki.fabricca.FabricCaIssuer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's link to its existing Fabric CA, as the Secret {@link OrganizationCaSecret#name} of
 * the service's namespace (the name a built-in organization's CAs use): the connection settings, the registrar's
 * enrollment (certificate and key; at the TLS CA too when it is a CA of its own) and the CA chains
 * read at creation. The registrar's enrollment secret is not kept: its key is what registers.
 */
public final class ExternalCaSecret {

    static final String COMPONENT = "fabric-external-ca";
    static final String URL = "url";
    static final String TLS_TRUST = "tls-trust.pem";
    static final String CA_NAME = "caname";
    static final String TLS_CA_NAME = "tls-caname";
    static final String AFFILIATION = "affiliation";
    static final String REGISTRAR_CERT = "registrar-cert.pem";
    static final String REGISTRAR_KEY = "registrar-key.pem";
    static final String TLS_REGISTRAR_CERT = "tls-registrar-cert.pem";
    static final String TLS_REGISTRAR_KEY = "tls-registrar-key.pem";
    static final String CA_CHAIN = "ca-chain.pem";
    static final String TLS_CA_CHAIN = "tlsca-chain.pem";

    private ExternalCaSecret() {}

    public static Secret build(String serviceNamespace, String organization, FabricCaIssuer issuer) {
        DnsNames.requireNamespace(serviceNamespace);
        DnsNames.requireResourceName(organization);
        FabricCaConnection connection = issuer.connection();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(URL, base64(connection.url().toString()));
        data.put(TLS_TRUST, base64(Pem.encode(connection.tlsTrust())));
        connection.caName().ifPresent(name -> data.put(CA_NAME, base64(name)));
        connection.tlsCaName().ifPresent(name -> data.put(TLS_CA_NAME, base64(name)));
        data.put(AFFILIATION, base64(connection.affiliation()));
        data.put(REGISTRAR_CERT, base64(issuer.registrar().certificatePem()));
        data.put(REGISTRAR_KEY, base64(issuer.registrar().privateKeyPem()));
        issuer.tlsRegistrar().ifPresent(tls -> {
            data.put(TLS_REGISTRAR_CERT, base64(tls.certificatePem()));
            data.put(TLS_REGISTRAR_KEY, base64(tls.privateKeyPem()));
        });
        data.put(CA_CHAIN, base64(Pem.encode(issuer.certificates().signingChain())));
        data.put(TLS_CA_CHAIN, base64(Pem.encode(issuer.certificates().tlsChain())));
        return new SecretBuilder()
                .withNewMetadata().withName(OrganizationCaSecret.name(organization)).withNamespace(serviceNamespace)
                .withLabels(Labels.organization(organization, COMPONENT)).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    public static boolean holds(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels != null && COMPONENT.equals(labels.get(Labels.COMPONENT));
    }

    public static FabricCaIssuer read(Secret secret, MspOrganization organization, Clock clock, Duration timeout) {
        if (!holds(secret)) {
            throw new PkiException("Secret " + secret.getMetadata().getName() + " does not hold an external Fabric CA");
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        FabricCaConnection connection = new FabricCaConnection(URI.create(decoded(data, URL)),
                Pem.certificate(decoded(data, TLS_TRUST)), optional(data, CA_NAME), optional(data, TLS_CA_NAME),
                optional(data, AFFILIATION).orElse(""));
        CertifiedKey registrar = CertifiedKey.fromPem(decoded(data, REGISTRAR_CERT), decoded(data, REGISTRAR_KEY));
        Optional<CertifiedKey> tlsRegistrar = data.containsKey(TLS_REGISTRAR_KEY)
                ? Optional.of(CertifiedKey.fromPem(decoded(data, TLS_REGISTRAR_CERT), decoded(data, TLS_REGISTRAR_KEY)))
                : Optional.empty();
        CaCertificates certificates = new CaCertificates(organization, Pem.certificates(decoded(data, CA_CHAIN)),
                Pem.certificates(decoded(data, TLS_CA_CHAIN)));
        return new FabricCaIssuer(connection, connection.client(timeout), registrar, tlsRegistrar, certificates, clock);
    }

    private static Optional<String> optional(Map<String, String> data, String key) {
        return data.containsKey(key) ? Optional.of(decoded(data, key)) : Optional.empty();
    }

    private static String decoded(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new PkiException("the external CA Secret has no '" + key + "'");
        }
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
