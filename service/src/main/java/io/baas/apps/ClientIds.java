package io.baas.apps;

import io.baas.fabric.identity.FabricIdentity;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * A client's ID as chaincodes see it ({@code ctx.getClientIdentity().getId()} of the Java shim):
 * {@code x509::<subject>::<issuer>}, the names as the JDK's X.509 certificate prints them. The
 * built-ins key evidences and accounts by it, so the service must write it the same way.
 */
final class ClientIds {

    private ClientIds() {
    }

    @SuppressWarnings("deprecation") // getSubjectDN's wording is what the shim writes; getSubjectX500Principal's differs.
    static String of(FabricIdentity identity) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X509")
                    .generateCertificate(new java.io.ByteArrayInputStream(identity.certificate().getEncoded()));
            return "x509::" + certificate.getSubjectDN().getName() + "::" + certificate.getIssuerDN().getName();
        } catch (CertificateException e) {
            throw new IllegalStateException("A held certificate does not parse: " + e.getMessage(), e);
        }
    }
}
