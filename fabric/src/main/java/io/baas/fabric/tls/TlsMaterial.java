package io.baas.fabric.tls;

import io.baas.pki.CertifiedKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * JSSE key and trust managers over in-memory PKI material, shared by the clients of Fabric nodes and
 * by the sandbox's gRPC and HTTPS servers, so no PEM files are written anywhere.
 */
public final class TlsMaterial {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsMaterial() {
    }

    /** Presents the certificate, followed by the issuers the peer may need to build the chain. */
    public static KeyManager[] keyManagers(CertifiedKey key, List<X509Certificate> issuers) {
        try {
            KeyStore store = emptyStore();
            List<Certificate> chain = new ArrayList<>();
            chain.add(key.certificate());
            chain.addAll(issuers);
            store.setKeyEntry("key", key.privateKey(), NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot load a TLS key: " + e.getMessage(), e);
        }
    }

    /** Trusts exactly these CAs. */
    public static TrustManager[] trustManagers(List<X509Certificate> trustedCas) {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < trustedCas.size(); i++) {
                store.setCertificateEntry("ca-" + i, trustedCas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot load TLS trust anchors: " + e.getMessage(), e);
        }
    }

    public static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
