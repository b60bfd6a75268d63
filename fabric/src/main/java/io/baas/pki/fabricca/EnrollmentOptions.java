package io.baas.pki.fabricca;

import java.util.List;
import java.util.Optional;

/**
 * What an enroll request asks besides the CSR: which CA of the server ({@code caname}; empty: its
 * default CA), which signing profile ({@code profile}, such as {@code tls}) and which host names
 * and IP addresses the certificate must carry ({@code hosts}).
 */
public record EnrollmentOptions(Optional<String> caName, Optional<String> profile, List<String> hosts) {

    public static final EnrollmentOptions DEFAULT = new EnrollmentOptions(Optional.empty(), Optional.empty(), List.of());

    /** Fabric CA's profile for TLS certificates in its default server configuration. */
    public static final String TLS_PROFILE = "tls";

    public EnrollmentOptions {
        caName = caName.filter(name -> !name.isBlank());
        profile = profile.filter(name -> !name.isBlank());
        hosts = List.copyOf(hosts);
    }

    public static EnrollmentOptions at(Optional<String> caName) {
        return new EnrollmentOptions(caName, Optional.empty(), List.of());
    }

    public static EnrollmentOptions tls(Optional<String> caName, List<String> hosts) {
        return new EnrollmentOptions(caName, Optional.of(TLS_PROFILE), hosts);
    }
}
