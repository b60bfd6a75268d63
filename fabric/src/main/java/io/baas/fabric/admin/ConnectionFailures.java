package io.baas.fabric.admin;

import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Says why a node could not be reached in words an operator can act on: gRPC reports a dead node and
 * a node whose TLS certificate the client does not trust alike ("UNAVAILABLE: io exception"); the
 * cause it carries tells them apart.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** @param target {@code host:port} as dialled */
    public static String describe(Throwable failure, String target) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathValidatorException || cause instanceof CertificateException || isUntrustedCertificate(cause)) {
                return "the TLS certificate of " + target + " is not signed by the TLS CA given to trust it (" + firstLine(cause) + ")";
            }
            if (cause instanceof ConnectException) {
                return "nothing listens at " + target + " (" + firstLine(cause) + ")";
            }
            if (cause instanceof UnknownHostException) {
                return "the host of " + target + " is unknown";
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return "the TLS handshake with " + target + " failed (" + firstLine(cause) + ")";
            }
        }
        if (failure instanceof StatusRuntimeException status) {
            return status.getStatus().getCode() + " " + status.getStatus().getDescription();
        }
        return firstLine(failure);
    }

    private static boolean isUntrustedCertificate(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return (message.contains("PKIX path") || message.contains("certification path")
                || message.contains("unable to find valid certification"));
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
