package io.baas.pki.k8s;

import io.baas.pki.CertifiedKey;
import io.baas.pki.DnsNames;
import io.baas.pki.Identity;
import io.baas.pki.IdentityRole;
import io.baas.pki.PkiException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An identity the platform holds for an organization (a user, client or admin issued through the
 * API) as one Secret of the service's own namespace: its keys never leave it except in an export.
 */
public final class IdentitySecret {

    public static final String COMPONENT = "fabric-identity";
    public static final String IDENTITY = "baas.io/identity";
    public static final String ROLE = "baas.io/identity-role";
    static final String SIGN_CERT = "signcert.pem";
    static final String SIGN_KEY = "key.pem";
    static final String TLS_CERT = "tls.crt";
    static final String TLS_KEY = "tls.key";

    private IdentitySecret() {
    }

    /** Collision-free across organizations (see {@link SecretNames}); the readable names are labels. */
    public static String name(String organization, String identity) {
        return SecretNames.hashed("baas-identity-", organization, identity);
    }

    /** Whether a Secret found by {@link #name} really is this organization's identity of that name. */
    public static boolean belongsTo(Secret secret, String organization, String identity) {
        Map<String, String> expected = Labels.organization(organization, COMPONENT);
        expected.put(IDENTITY, identity);
        return Labels.carries(secret, expected);
    }

    /** Selects every identity Secret of an organization. */
    public static Map<String, String> selector(String organization) {
        return Labels.organization(organization, COMPONENT);
    }

    public static Secret build(String serviceNamespace, String organization, Identity identity) {
        DnsNames.requireNamespace(serviceNamespace);
        DnsNames.requireResourceName(organization);
        Map<String, String> labels = Labels.organization(organization, COMPONENT);
        labels.put(IDENTITY, Labels.requireValue(identity.name()));
        labels.put(ROLE, identity.role().name().toLowerCase(Locale.ROOT));
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SIGN_CERT, base64(identity.signing().certificatePem()));
        data.put(SIGN_KEY, base64(identity.signing().privateKeyPem()));
        data.put(TLS_CERT, base64(identity.tls().certificatePem()));
        data.put(TLS_KEY, base64(identity.tls().privateKeyPem()));
        return new SecretBuilder()
                .withNewMetadata().withName(name(organization, identity.name())).withNamespace(serviceNamespace)
                .withLabels(labels).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    public static Identity read(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
        String name = labels.get(IDENTITY);
        String role = labels.get(ROLE);
        if (name == null || role == null) {
            throw new PkiException("Secret " + secret.getMetadata().getName() + " is not an identity Secret");
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        return new Identity(name, IdentityRole.valueOf(role.toUpperCase(Locale.ROOT)),
                CertifiedKey.fromPem(decoded(data, SIGN_CERT), decoded(data, SIGN_KEY)),
                CertifiedKey.fromPem(decoded(data, TLS_CERT), decoded(data, TLS_KEY)));
    }

    private static String decoded(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new PkiException("the identity Secret has no '" + key + "'");
        }
        return new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
