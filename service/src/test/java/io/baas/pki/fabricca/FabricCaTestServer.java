package io.baas.pki.fabricca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.baas.pki.AlternativeNames;
import io.baas.pki.CertificateProfile;
import io.baas.pki.CertificateRequest;
import io.baas.pki.Certificates;
import io.baas.pki.CertifiedKey;
import io.baas.pki.ChainVerifier;
import io.baas.pki.EcKeys;
import io.baas.pki.NodeOu;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A small HTTPS server that answers enroll and register the way Fabric CA does, and checks what
 * Fabric CA checks: the enrollment secret; the CSR's signature; and for register the token
 * (signature over method, URI, body and certificate with the certificate's key), that the
 * certificate was issued by this CA, and that its owner is a registrar.
 */
final class FabricCaTestServer implements AutoCloseable {

    record User(String secret, String type, boolean registrar) {
        @Override
        public String toString() {
            return "User[type=" + type + ", registrar=" + registrar + ", secret=<redacted>]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrganizationCas cas;
    private final HttpsServer server;
    private final Map<String, User> users = new ConcurrentHashMap<>();

    private FabricCaTestServer(OrganizationCas cas) throws Exception {
        this.cas = cas;
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls()));
        server.createContext("/api/v1/enroll", exchange -> respond(exchange, this::enroll));
        server.createContext("/api/v1/register", exchange -> respond(exchange, this::register));
        server.start();
    }

    static FabricCaTestServer start(OrganizationCas cas) throws Exception {
        return new FabricCaTestServer(cas);
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    void addUser(String id, String secret, String type, boolean registrar) {
        users.put(id, new User(secret, type, registrar));
    }

    Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        JsonNode handle(HttpExchange exchange, byte[] body) throws Exception;
    }

    private static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private JsonNode enroll(HttpExchange exchange, byte[] body) throws Exception {
        String[] credentials = basicCredentials(exchange);
        User user = users.get(credentials[0]);
        if (user == null || !user.secret().equals(credentials[1])) {
            throw new Refusal(401, "Authentication failure");
        }
        PKCS10CertificationRequest csr = csr(JSON.readTree(body).path("certificate_request").asText());
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
            throw new Refusal(400, "CSR signature is invalid");
        }
        X509Certificate certificate = cas.signingCa().issue(new CertificateRequest(
                cas.organization().subjectTemplate().identitySubject(Optional.of(nodeOu(user.type())), credentials[0]),
                publicKey, CertificateProfile.SIGNING, AlternativeNames.NONE));
        ObjectNode serverInfo = JSON.createObjectNode().put("CAName", "")
                .put("CAChain", base64(Pem.encode(cas.signingCa().chain())));
        ObjectNode result = JSON.createObjectNode().put("Cert", base64(Pem.encode(certificate)));
        result.set("ServerInfo", serverInfo);
        return result;
    }

    private JsonNode register(HttpExchange exchange, byte[] body) throws Exception {
        String token = exchange.getRequestHeaders().getFirst("Authorization");
        X509Certificate caller;
        try {
            caller = FabricCaToken.verify(token, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
            new ChainVerifier(cas.signingCa().clock()).verify(List.of(caller), List.of(cas.signingCa().root()));
        } catch (PkiException e) {
            throw new Refusal(401, "Invalid token in authorization header: " + e.getMessage());
        }
        User registrar = users.get(Certificates.commonName(caller));
        if (registrar == null || !registrar.registrar()) {
            throw new Refusal(401, "Authorization failure: the caller is not a registrar");
        }
        JsonNode request = JSON.readTree(body);
        String id = request.path("id").asText();
        if (id.isEmpty() || users.containsKey(id)) {
            throw new Refusal(400, "Identity '" + id + "' is already registered or has no name");
        }
        String secret = request.path("secret").asText(UUID.randomUUID().toString());
        addUser(id, secret, request.path("type").asText("client"), false);
        return JSON.createObjectNode().put("secret", secret);
    }

    private static NodeOu nodeOu(String type) {
        for (NodeOu ou : NodeOu.values()) {
            if (ou.identifier().equals(type)) {
                return ou;
            }
        }
        return NodeOu.CLIENT;
    }

    private static void respond(HttpExchange exchange, Handler handler) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        int status;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw new Refusal(405, "method not allowed");
            }
            answer.set("result", handler.handle(exchange, body));
            answer.put("success", true).putArray("errors");
            status = 201;
        } catch (Refusal refusal) {
            status = refusal.status;
            answer.put("success", false).putNull("result");
            answer.putArray("errors").addObject().put("code", 20).put("message", refusal.getMessage());
        } catch (Exception e) {
            status = 500;
            answer.put("success", false).putNull("result");
            answer.putArray("errors").addObject().put("code", 0).put("message", String.valueOf(e.getMessage()));
        }
        answer.putArray("messages");
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String[] basicCredentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            throw new Refusal(401, "No authorization header");
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refusal(401, "No user/pass in authorization header");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static PKCS10CertificationRequest csr(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PKCS10CertificationRequest csr)) {
                throw new Refusal(400, "no certificate request");
            }
            return csr;
        }
    }

    private SSLContext serverTls() throws Exception {
        KeyPair keyPair = EcKeys.generate();
        X509Certificate certificate = cas.tlsCa().issue(new CertificateRequest(
                cas.organization().subjectTemplate().identitySubject(Optional.empty(), "fabric-ca"), keyPair.getPublic(),
                CertificateProfile.TLS_SERVER_AND_CLIENT, AlternativeNames.parse(List.of("localhost", "127.0.0.1"))));
        CertifiedKey tls = new CertifiedKey(certificate, keyPair.getPrivate());
        char[] password = "test".toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("tls", tls.privateKey(), password,
                new Certificate[] {tls.certificate(), cas.tlsCa().certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
