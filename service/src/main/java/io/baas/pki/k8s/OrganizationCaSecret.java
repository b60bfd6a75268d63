package io.baas.pki.k8s;

import io.baas.pki.CertificateAuthority;
import io.baas.pki.CertifiedKey;
import io.baas.pki.DnsNames;
import io.baas.pki.MspOrganization;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import io.baas.pki.ValidityPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization's two CAs as one Secret of the service's own namespace (docs/architecture.md:
 * CA keys never leave it), and back. Certificate entries hold the CA's chain, the CA first.
 */
public final class OrganizationCaSecret {

    static final String COMPONENT = "fabric-organization-ca";
    static final String CA_CERT = "ca-chain.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String TLS_CA_CERT = "tlsca-chain.pem";
    static final String TLS_CA_KEY = "tlsca-key.pem";

    private OrganizationCaSecret() {}

    /**
     * Collision-free across organizations and with identity Secrets (see {@link SecretNames}); the
     * same name holds an external Fabric CA's link ({@link ExternalCaSecret}).
     */
    public static String name(String organization) {
        return SecretNames.hashed("baas-ca-", organization);
    }

    /** Whether a Secret found by {@link #name} really holds this organization's CAs (built-in or external). */
    public static boolean belongsTo(Secret secret, String organization) {
        return Labels.carries(secret, Labels.organization(organization, COMPONENT))
                || Labels.carries(secret, Labels.organization(organization, ExternalCaSecret.COMPONENT));
    }

    /** @param organization the Organization resource's name, which names the Secret and labels it */
    public static Secret build(String serviceNamespace, String organization, OrganizationCas cas) {
        DnsNames.requireNamespace(serviceNamespace);
        DnsNames.requireResourceName(organization);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, base64(Pem.encode(cas.signingCa().chain())));
        data.put(CA_KEY, base64(cas.signingCa().certifiedKey().privateKeyPem()));
        data.put(TLS_CA_CERT, base64(Pem.encode(cas.tlsCa().chain())));
        data.put(TLS_CA_KEY, base64(cas.tlsCa().certifiedKey().privateKeyPem()));
        return new SecretBuilder()
                .withNewMetadata().withName(name(organization)).withNamespace(serviceNamespace)
                .withLabels(Labels.organization(organization, COMPONENT)).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    public static OrganizationCas read(Secret secret, MspOrganization organization, Clock clock, ValidityPolicy policy) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        return new OrganizationCas(organization,
                load(data, CA_CERT, CA_KEY, clock, policy),
                load(data, TLS_CA_CERT, TLS_CA_KEY, clock, policy));
    }

    private static CertificateAuthority load(Map<String, String> data, String certKey, String keyKey, Clock clock,
            ValidityPolicy policy) {
        List<X509Certificate> chain = Pem.certificates(decoded(data, certKey));
        CertifiedKey key = new CertifiedKey(chain.get(0), Pem.privateKey(decoded(data, keyKey)));
        return CertificateAuthority.load(key, chain.subList(1, chain.size()), clock, policy);
    }

    private static String decoded(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new PkiException("the CA Secret has no '" + key + "'");
        }
        return new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
