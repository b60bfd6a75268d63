package io.baas.pki.fabricca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baas.pki.CertifiedKey;
import io.baas.pki.EcKeys;
import io.baas.pki.LowSEcdsaSigner;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A client of an existing Fabric CA's REST API: enroll ({@code /api/v1/enroll}, basic auth with
 * the enrollment secret, a CSR for a key made here) and register ({@code /api/v1/register},
 * token authorization by a registrar). It trusts only the CA's TLS certificate.
 */
public final class FabricCaClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient http;
    private final Duration timeout;

    public FabricCaClient(URI baseUri, X509Certificate tlsTrustAnchor, Duration timeout) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().sslContext(trusting(tlsTrustAnchor)).connectTimeout(timeout).build();
    }

    /** Enrolls with a fresh P-256 key; the key never leaves this process. */
    public Enrollment enroll(String enrollmentId, String secret) {
        KeyPair keyPair = EcKeys.generate();
        ObjectNode request = JSON.createObjectNode().put("certificate_request", csr(enrollmentId, keyPair));
        String basic = Base64.getEncoder().encodeToString((enrollmentId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode result = post("enroll", json(request), "Basic " + basic);
        X509Certificate certificate = Pem.certificate(decodeBase64Text(result.path("Cert").asText()));
        List<X509Certificate> chain = Pem.certificates(decodeBase64Text(result.path("ServerInfo").path("CAChain").asText()));
        return new Enrollment(new CertifiedKey(certificate, keyPair.getPrivate()), chain);
    }

    /** Registers an identity as {@code registrar}; returns its enrollment secret. */
    public String register(CertifiedKey registrar, Registration registration) {
        byte[] body = json(JSON.valueToTree(registration));
        String token = FabricCaToken.create(registrar, "POST", endpoint("register").getRawPath(), body);
        return post("register", body, token).path("secret").asText();
    }

    private JsonNode post(String name, byte[] body, String authorization) {
        URI uri = endpoint(name);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FabricCaException("Fabric CA at " + baseUri + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FabricCaException("interrupted while calling " + uri, e);
        }
        JsonNode answer = parse(response);
        if (response.statusCode() / 100 != 2 || !answer.path("success").asBoolean(false)) {
            throw new FabricCaException(response.statusCode(), name + " failed with HTTP " + response.statusCode() + ": "
                    + answer.path("errors"));
        }
        return answer.path("result");
    }

    private URI endpoint(String name) {
        String base = baseUri.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/" + name);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FabricCaException(response.statusCode(), "not a Fabric CA answer (HTTP " + response.statusCode() + ")");
        }
    }

    private static String csr(String enrollmentId, KeyPair keyPair) {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, enrollmentId).build(),
                SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()))
                .build(new LowSEcdsaSigner(keyPair.getPrivate()));
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new PemObject("CERTIFICATE REQUEST", csr.getEncoded()));
        } catch (IOException e) {
            throw new PkiException("cannot encode a CSR", e);
        }
        return pem.toString();
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new PkiException("cannot write JSON", e);
        }
    }

    private static String decodeBase64Text(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new FabricCaException(200, "the Fabric CA returned malformed base64");
        }
    }

    static SSLContext trusting(X509Certificate anchor) {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("fabric-ca-tls", anchor);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot set up TLS trust for the Fabric CA", e);
        }
    }

    @Override
    public String toString() {
        return "FabricCaClient[" + baseUri + "]";
    }
}
