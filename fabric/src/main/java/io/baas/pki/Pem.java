package io.baas.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM as Fabric writes it: certificates as {@code CERTIFICATE} blocks, private keys as PKCS#8
 * {@code PRIVATE KEY} blocks (cryptogen's priv_sk). SEC1 {@code EC PRIVATE KEY} is read too,
 * since Fabric CA and openssl produce it.
 */
public final class Pem {

    private Pem() {}

    public static String encode(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new PemException("cannot encode certificate", e);
        }
    }

    public static String encode(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        certificates.forEach(certificate -> pem.append(encode(certificate)));
        return pem.toString();
    }

    /** PKCS#8. Callers own the result: it is the one string that must never reach a log. */
    public static String encodePrivateKey(PrivateKey privateKey) {
        return block("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Exactly one certificate. */
    public static X509Certificate certificate(String pem) {
        List<X509Certificate> certificates = certificates(pem);
        if (certificates.size() != 1) {
            throw new PemException("expected one certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }

    /** One or more certificates, in the order written; anything else in the text is an error. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects(pem)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new PemException("expected only certificates, found " + describe(object));
            }
            certificates.add(toCertificate(holder));
        }
        if (certificates.isEmpty()) {
            throw new PemException("no PEM certificate found");
        }
        return List.copyOf(certificates);
    }

    /** Exactly one unencrypted private key, PKCS#8 or SEC1. */
    public static PrivateKey privateKey(String pem) {
        List<Object> objects = objects(pem);
        if (objects.size() != 1) {
            throw new PemException("expected one private key, found " + objects.size() + " PEM blocks");
        }
        Object object = objects.get(0);
        try {
            if (object instanceof PrivateKeyInfo info) {
                return jdkKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return jdkKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new PemException("unreadable private key", e);
        }
        throw new PemException("expected an unencrypted private key, found " + describe(object));
    }

    /**
     * Always the JDK's key classes (SunEC for EC), whichever providers are registered: BouncyCastle's
     * converter would take any registered BouncyCastle provider, and keys of another provider
     * encode differently.
     */
    private static PrivateKey jdkKey(PrivateKeyInfo info) throws IOException, java.security.GeneralSecurityException {
        String algorithm = org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
                ? "EC" : info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        return java.security.KeyFactory.getInstance(algorithm).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(info.getEncoded()));
    }

    private static List<Object> objects(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new PemException("empty PEM text");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // PEMParser signals bad base64 and bad DER with assorted runtime exceptions.
            throw new PemException("malformed PEM: " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new PemException("no PEM block found");
        }
        return objects;
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException | IOException e) {
            throw new PemException("unreadable certificate", e);
        }
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName();
    }

    private static String block(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new PemException("cannot write PEM", e);
        }
        return text.toString();
    }
}
