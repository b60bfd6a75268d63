package io.baas.fabric.admin;

import io.baas.fabric.Sha256;
import io.baas.pki.CertifiedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP clients of orderers' admin endpoints, one per client TLS pair and trusted CAs, shared
 * by every call: each {@link HttpClient} owns a selector thread and a connection pool, which a
 * client made per call would leave behind until collected.
 */
public final class OrdererAdminHttpClients implements AutoCloseable {

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Duration timeout;
    private volatile boolean closed;

    /** @param timeout how long a connection and each call may take */
    public OrdererAdminHttpClients(Duration timeout) {
        this.timeout = timeout;
    }

    public OrdererAdminClient admin(URI base, List<X509Certificate> trustedCas, CertifiedKey clientTls) {
        if (closed) {
            throw new IllegalStateException("the orderer admin clients are closed");
        }
        HttpClient http = clients.computeIfAbsent(key(trustedCas, clientTls.certificate()),
                key -> OrdererAdminClient.httpClient(trustedCas, clientTls, timeout));
        return new OrdererAdminClient(base, http, timeout);
    }

    /** How many distinct TLS pairs and trusts have a client. */
    public int size() {
        return clients.size();
    }

    /** Drops every client; on Java 21 and later each is also closed, ending its thread at once. */
    @Override
    public void close() {
        closed = true;
        clients.values().forEach(OrdererAdminHttpClients::closeIfPossible);
        clients.clear();
    }

    private static void closeIfPossible(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing only speeds up what dropping the reference does anyway.
            }
        }
    }

    /** SHA-256 of the client certificate and each CA: a client never serves another identity or trust. */
    static String key(List<X509Certificate> trustedCas, X509Certificate clientCertificate) {
        MessageDigest digest = Sha256.newDigest();
        StringBuilder key = new StringBuilder();
        try {
            key.append(HexFormat.of().formatHex(digest.digest(clientCertificate.getEncoded())));
            for (X509Certificate ca : trustedCas) {
                key.append('|').append(HexFormat.of().formatHex(digest.digest(ca.getEncoded())));
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
        return key.toString();
    }
}
