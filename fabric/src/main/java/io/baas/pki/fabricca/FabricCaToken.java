package io.baas.pki.fabricca;

import io.baas.pki.CertifiedKey;
import io.baas.pki.LowSEcdsaSigner;
import io.baas.pki.Pem;
import io.baas.pki.PemException;
import io.baas.pki.PkiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Fabric CA's token authorization header, as its server verifies it: {@code b64(certPEM) + "." +
 * b64(signature)}, the signature being ECDSA (low-s) over SHA-256 of
 * {@code method + "." + b64(requestURI) + "." + b64(body) + "." + b64(certPEM)}, with standard
 * base64. Binding method, URI and body stops a captured header from authorizing another request.
 */
public final class FabricCaToken {

    private FabricCaToken() {}

    public static String create(CertifiedKey caller, String method, String requestUri, byte[] body) {
        String b64Cert = b64(caller.certificatePem().getBytes(StandardCharsets.US_ASCII));
        byte[] signature = LowSEcdsaSigner.sign(caller.privateKey(), payload(method, requestUri, body, b64Cert));
        return b64Cert + "." + b64(signature);
    }

    /**
     * Checks the signature against the certificate inside the token and returns that certificate.
     * Whether the certificate itself is trusted is the caller's next check.
     */
    public static X509Certificate verify(String token, String method, String requestUri, byte[] body) {
        if (token == null || token.isEmpty()) {
            throw new PkiException("no authorization token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 2) {
            throw new PkiException("a token has two parts separated by '.', this one has " + parts.length);
        }
        X509Certificate certificate;
        byte[] signature;
        try {
            certificate = Pem.certificate(new String(Base64.getDecoder().decode(parts[0]), StandardCharsets.US_ASCII));
            signature = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException | PemException e) {
            throw new PkiException("malformed token: " + e.getMessage(), e);
        }
        if (!verifies(certificate, signature, payload(method, requestUri, body, parts[0]))) {
            throw new PkiException("token signature does not verify for " + method + " " + requestUri);
        }
        return certificate;
    }

    private static boolean verifies(X509Certificate certificate, byte[] signature, byte[] payload) {
        try {
            // Fabric's BCCSP refuses high-s signatures; so does this check, to behave like the real server.
            if (!LowSEcdsaSigner.isLowS(signature)) {
                return false;
            }
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    private static byte[] payload(String method, String requestUri, byte[] body, String b64Cert) {
        String payload = method + "." + b64(requestUri.getBytes(StandardCharsets.UTF_8)) + "." + b64(body) + "." + b64Cert;
        return payload.getBytes(StandardCharsets.US_ASCII);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
