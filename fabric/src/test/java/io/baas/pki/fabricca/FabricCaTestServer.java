package io.baas.pki.fabricca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.baas.pki.AlternativeNames;
import io.baas.pki.CertificateAuthority;
import io.baas.pki.CertificateProfile;
import io.baas.pki.CertificateRequest;
import io.baas.pki.Certificates;
import io.baas.pki.CertifiedKey;
import io.baas.pki.ChainVerifier;
import io.baas.pki.EcKeys;
import io.baas.pki.OrganizationCas;
import io.baas.pki.Pem;
import io.baas.pki.PkiException;
import io.baas.pki.SubjectKeyIds;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A small HTTPS server that answers cainfo, enroll, register and revoke the way Fabric CA 1.5
 * does, and checks what Fabric CA checks: the enrollment secret and that the ID is not revoked;
 * the CSR's signature and that its CN is the enrollment ID; the profile; for register and revoke
 * the token (signature over method, URI, body and certificate with the certificate's key), that
 * the certificate was issued by the targeted CA and is not revoked, and that its owner is a
 * registrar (revoke: has hf.Revoker). It signs real certificates with CA keys it holds. Like a
 * server started with {@code --cafiles}, it can run a second, named CA (a TLS CA) with its own
 * registry; requests pick a CA by {@code ?ca=} or the body's {@code caname}.
 */
public final class FabricCaTestServer implements AutoCloseable {

    public record User(String secret, String type, boolean registrar, boolean revoker, boolean revoked, int enrollments) {
        @Override
        public String toString() {
            return "User[type=" + type + ", registrar=" + registrar + ", revoked=" + revoked + ", secret=<redacted>]";
        }
    }

    /** One CA of the server: its name ("" for the default), its key, its registry and the certificates it issued. */
    private record Instance(String name, CertificateAuthority ca, Map<String, User> users, Map<String, String> issuedTo,
                            Set<String> revokedSerials) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrganizationCas cas;
    private final HttpsServer server;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private FabricCaTestServer(OrganizationCas cas, Optional<String> tlsCaName) throws Exception {
        this.cas = cas;
        instances.put("", instance("", cas.signingCa()));
        tlsCaName.ifPresent(name -> instances.put(name, instance(name, cas.tlsCa())));
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls()));
        server.createContext("/api/v1/cainfo", exchange -> respond(exchange, this::cainfo, Set.of("GET", "POST", "HEAD"), 200));
        server.createContext("/api/v1/enroll", exchange -> respond(exchange, this::enroll, Set.of("POST"), 201));
        server.createContext("/api/v1/register", exchange -> respond(exchange, this::register, Set.of("POST"), 201));
        server.createContext("/api/v1/revoke", exchange -> respond(exchange, this::revoke, Set.of("POST"), 200));
        server.start();
    }

    private static Instance instance(String name, CertificateAuthority ca) {
        return new Instance(name, ca, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet());
    }

    /** One CA, signing with the organization's signing CA; its tls profile signs TLS certificates with the same CA. */
    public static FabricCaTestServer start(OrganizationCas cas) throws Exception {
        return new FabricCaTestServer(cas, Optional.empty());
    }

    /** The default CA signs with the signing CA, and the CA named {@code tlsCaName} with the TLS CA. */
    public static FabricCaTestServer startWithTlsCa(OrganizationCas cas, String tlsCaName) throws Exception {
        return new FabricCaTestServer(cas, Optional.of(tlsCaName));
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The certificate a client must trust to reach this server: the TLS CA that certified it. */
    public X509Certificate tlsTrust() {
        return cas.tlsCa().certificate();
    }

    /** Adds a user to every CA of the server, as each CA's bootstrap identity would be. */
    public void addUser(String id, String secret, String type, boolean registrar) {
        instances.values().forEach(i -> i.users().put(id, new User(secret, type, registrar, registrar, false, 0)));
    }

    /** A registrar that may register but not revoke (no hf.Revoker). */
    public void addRegistrarWithoutRevoker(String id, String secret) {
        instances.values().forEach(i -> i.users().put(id, new User(secret, "client", true, false, false, 0)));
    }

    /** The user in the default CA's registry. */
    public Optional<User> user(String id) {
        return user("", id);
    }

    public Optional<User> user(String caName, String id) {
        return Optional.ofNullable(instances.get(caName)).map(i -> i.users().get(id));
    }

    /** How many requests the server has answered: a test can see that nothing was asked. */
    public int requests() {
        return requests.get();
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
        final int code;

        Refusal(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private JsonNode cainfo(HttpExchange exchange, byte[] body) throws Exception {
        Instance ca = target(exchange, body);
        return JSON.createObjectNode().put("CAName", ca.name()).put("CAChain", base64(Pem.encode(ca.ca().chain())))
                .put("Version", "1.5.x-test");
    }

    private JsonNode enroll(HttpExchange exchange, byte[] body) throws Exception {
        Instance ca = target(exchange, body);
        String[] credentials = basicCredentials(exchange);
        User user = ca.users().get(credentials[0]);
        if (user == null || !user.secret().equals(credentials[1])) {
            throw new Refusal(401, 20, "Authentication failure");
        }
        if (user.revoked()) {
            throw new Refusal(401, 20, "Authentication failure: the identity is revoked");
        }
        JsonNode request = JSON.readTree(body);
        PKCS10CertificationRequest csr = csr(request.path("certificate_request").asText());
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
            throw new Refusal(400, 28, "CSR signature is invalid");
        }
        RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
        String cn = cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : "";
        if (!credentials[0].equals(cn)) {
            throw new Refusal(403, 60, "The CSR subject common name must equal the enrollment ID");
        }
        String profile = request.path("profile").asText("");
        if (!profile.isEmpty() && !profile.equals("tls")) {
            throw new Refusal(400, 0, "Invalid profile: '" + profile + "'");
        }
        List<String> hosts = new ArrayList<>();
        request.path("hosts").forEach(host -> hosts.add(host.asText()));
        // Fabric CA sets the OU from the identity's type whatever the CSR says (setRequestOUs).
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, user.type())
                .addRDN(BCStyle.CN, credentials[0]).build();
        // Fabric CA's tls profile always says server and client auth; our minter wants SANs on a server
        // certificate, so a tls enrollment without hosts (a user's) gets client auth only here.
        CertificateProfile certificateProfile = !profile.equals("tls") ? CertificateProfile.SIGNING
                : hosts.isEmpty() ? CertificateProfile.TLS_CLIENT : CertificateProfile.TLS_SERVER_AND_CLIENT;
        X509Certificate certificate = ca.ca().issue(new CertificateRequest(subject, publicKey, certificateProfile,
                hosts.isEmpty() ? AlternativeNames.NONE : AlternativeNames.parse(hosts)));
        ca.users().put(credentials[0], new User(user.secret(), user.type(), user.registrar(), user.revoker(), false, user.enrollments() + 1));
        ca.issuedTo().put(certificate.getSerialNumber().toString(16), credentials[0]);
        ObjectNode serverInfo = JSON.createObjectNode().put("CAName", ca.name())
                .put("CAChain", base64(Pem.encode(ca.ca().chain())));
        ObjectNode result = JSON.createObjectNode().put("Cert", base64(Pem.encode(certificate)));
        result.set("ServerInfo", serverInfo);
        return result;
    }

    private JsonNode register(HttpExchange exchange, byte[] body) throws Exception {
        Instance ca = target(exchange, body);
        User registrar = ca.users().get(authenticateToken(exchange, body, ca));
        if (registrar == null || !registrar.registrar()) {
            throw new Refusal(401, 21, "Authorization failure: the caller is not a registrar");
        }
        JsonNode request = JSON.readTree(body);
        String id = request.path("id").asText();
        if (id.isEmpty()) {
            throw new Refusal(400, 0, "Registration has no id");
        }
        if (ca.users().containsKey(id)) {
            throw new Refusal(409, FabricCaException.DUPLICATE_IDENTITY, "Identity '" + id + "' is already registered");
        }
        String secret = request.path("secret").asText(UUID.randomUUID().toString());
        ca.users().put(id, new User(secret, request.path("type").asText("client"), false, false, false, 0));
        return JSON.createObjectNode().put("secret", secret);
    }

    private JsonNode revoke(HttpExchange exchange, byte[] body) throws Exception {
        Instance ca = target(exchange, body);
        User caller = ca.users().get(authenticateToken(exchange, body, ca));
        if (caller == null || !caller.revoker()) {
            throw new Refusal(401, 40, "Caller does not have authority to revoke");
        }
        JsonNode request = JSON.readTree(body);
        String id = request.path("id").asText("");
        if (id.isEmpty()) {
            throw new Refusal(400, 0, "Either Name or Serial and AKI are required for a revoke request");
        }
        User user = ca.users().get(id);
        if (user == null) {
            throw new Refusal(404, 0, "Identity " + id + " was not found");
        }
        ca.users().put(id, new User(user.secret(), user.type(), user.registrar(), user.revoker(), true, user.enrollments()));
        var revoked = JSON.createArrayNode();
        String aki = HexFormat.of().formatHex(SubjectKeyIds.of(ca.ca().certificate().getPublicKey()));
        ca.issuedTo().forEach((serial, owner) -> {
            if (owner.equals(id) && ca.revokedSerials().add(serial)) {
                revoked.addObject().put("Serial", serial).put("AKI", aki);
            }
        });
        ObjectNode result = JSON.createObjectNode();
        result.set("RevokedCerts", revoked);
        return result.put("CRL", "");
    }

    /** Checks the token and the certificate in it; returns the caller's enrollment ID. */
    private String authenticateToken(HttpExchange exchange, byte[] body, Instance ca) {
        String token = exchange.getRequestHeaders().getFirst("Authorization");
        X509Certificate caller;
        try {
            caller = FabricCaToken.verify(token, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
            new ChainVerifier(ca.ca().clock()).verify(List.of(caller), List.of(ca.ca().root()));
        } catch (PkiException e) {
            throw new Refusal(401, 20, "Invalid token in authorization header: " + e.getMessage());
        }
        if (ca.revokedSerials().contains(caller.getSerialNumber().toString(16))) {
            throw new Refusal(401, 20, "The certificate in the authorization header is a revoked certificate");
        }
        return Certificates.commonName(caller);
    }

    /** The CA a request is for: {@code ?ca=}, else the body's {@code caname}, else the default. */
    private Instance target(HttpExchange exchange, byte[] body) throws IOException {
        String name = "";
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("ca=")) {
                    name = URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
                }
            }
        }
        if (name.isEmpty() && body.length > 0) {
            JsonNode tree = JSON.readTree(body);
            name = tree.path("caname").asText(tree.path("CAName").asText(""));
        }
        Instance instance = instances.get(name);
        if (instance == null) {
            throw new Refusal(404, 19, "CA '" + name + "' does not exist");
        }
        return instance;
    }

    private void respond(HttpExchange exchange, Handler handler, Set<String> methods, int successStatus) throws IOException {
        requests.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode();
        int status;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!methods.contains(exchange.getRequestMethod())) {
                throw new Refusal(405, 0, "method not allowed");
            }
            answer.set("result", handler.handle(exchange, body));
            answer.put("success", true).putArray("errors");
            status = successStatus;
        } catch (Refusal refusal) {
            status = refusal.status;
            answer.put("success", false).putNull("result");
            answer.putArray("errors").addObject().put("code", refusal.code).put("message", refusal.getMessage());
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
            throw new Refusal(401, 20, "No authorization header");
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refusal(401, 20, "No user/pass in authorization header");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static PKCS10CertificationRequest csr(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PKCS10CertificationRequest csr)) {
                throw new Refusal(400, 28, "no certificate request");
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
