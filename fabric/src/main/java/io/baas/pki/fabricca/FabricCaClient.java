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
import java.net.URLEncoder;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** Enrolls with a fresh P-256 key at the server's default CA; the key never leaves this process. */
    public Enrollment enroll(String enrollmentId, String secret) {
        return enroll(enrollmentId, secret, EnrollmentOptions.DEFAULT);
    }

    /**
     * Enrolls with a fresh P-256 key at the CA, profile and host names the options give (Fabric
     * CA's {@code caname}, {@code profile} and {@code hosts}: the {@code tls} profile and the names
     * a node is reached by make a TLS certificate). The key never leaves this process.
     */
    public Enrollment enroll(String enrollmentId, String secret, EnrollmentOptions options) {
        KeyPair keyPair = EcKeys.generate();
        ObjectNode request = JSON.createObjectNode().put("certificate_request", csr(enrollmentId, keyPair));
        if (!options.hosts().isEmpty()) {
            options.hosts().forEach(request.putArray("hosts")::add);
        }
        options.profile().ifPresent(profile -> request.put("profile", profile));
        options.caName().ifPresent(name -> request.put("caname", name));
        String basic = Base64.getEncoder().encodeToString((enrollmentId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode result = send("POST", endpoint("enroll"), json(request), "Basic " + basic, "enroll");
        X509Certificate certificate = Pem.certificate(decodeBase64Text(result.path("Cert").asText()));
        List<X509Certificate> chain = Pem.certificates(decodeBase64Text(result.path("ServerInfo").path("CAChain").asText()));
        return new Enrollment(new CertifiedKey(certificate, keyPair.getPrivate()), chain);
    }

    /** The CA's name and certificate chain ({@code GET /api/v1/cainfo}, {@code ?ca=} for a named CA of the server). */
    public CaInfo caInfo(Optional<String> caName) {
        URI uri = endpoint("cainfo");
        if (caName.isPresent()) {
            uri = URI.create(uri + "?ca=" + URLEncoder.encode(caName.get(), StandardCharsets.UTF_8));
        }
        JsonNode result = send("GET", uri, null, null, "cainfo");
        return new CaInfo(result.path("CAName").asText(""),
                Pem.certificates(decodeBase64Text(result.path("CAChain").asText())));
    }

    /** Registers an identity as {@code registrar} at the server's default CA; returns its enrollment secret. */
    public String register(CertifiedKey registrar, Registration registration) {
        return register(registrar, registration, Optional.empty());
    }

    /** Registers an identity as {@code registrar} at the named CA of the server; returns its enrollment secret. */
    public String register(CertifiedKey registrar, Registration registration, Optional<String> caName) {
        ObjectNode request = JSON.valueToTree(registration);
        caName.ifPresent(name -> request.put("caname", name));
        return tokenPost(registrar, "register", json(request)).path("secret").asText();
    }

    /**
     * Revokes every certificate of an enrollment ID and disables the ID ({@code POST
     * /api/v1/revoke} with {@code id}), as {@code registrar}, which needs Fabric CA's
     * {@code hf.Revoker}. Fabric CA treats revoking a revoked ID again as success.
     *
     * @param reason Fabric CA's reason name, such as {@code keycompromise}
     */
    public void revoke(CertifiedKey registrar, String enrollmentId, String reason, Optional<String> caName) {
        ObjectNode request = JSON.createObjectNode().put("id", enrollmentId).put("reason", reason);
        caName.ifPresent(name -> request.put("caname", name));
        tokenPost(registrar, "revoke", json(request));
    }

    private JsonNode tokenPost(CertifiedKey caller, String name, byte[] body) {
        URI uri = endpoint(name);
        String token = FabricCaToken.create(caller, "POST", uri.getRawPath(), body);
        return send("POST", uri, body, token, name);
    }

    private JsonNode send(String method, URI uri, byte[] body, String authorization, String name) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FabricCaException("Fabric CA at " + baseUri + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FabricCaException("interrupted while calling " + uri, e);
        }
        JsonNode answer = parse(response);
        if (response.statusCode() / 100 != 2 || !answer.path("success").asBoolean(false)) {
            throw new FabricCaException(response.statusCode(), name + " failed with HTTP " + response.statusCode() + ": "
                    + answer.path("errors"), errorCodes(answer));
        }
        return answer.path("result");
    }

    private static List<Integer> errorCodes(JsonNode answer) {
        List<Integer> codes = new ArrayList<>();
        answer.path("errors").forEach(error -> codes.add(error.path("code").asInt(0)));
        return codes;
    }

    /** What went wrong, in words an API answer can carry: no class names, never request data. */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed (the server's certificate does not chain to the given TLS certificate,"
                        + " or does not name the host)";
            }
            if (cause instanceof java.net.ConnectException) {
                return "the connection was refused";
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "the host name does not resolve";
            }
        }
        return "the connection failed";
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
