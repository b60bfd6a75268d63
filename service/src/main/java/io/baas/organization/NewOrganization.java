package io.baas.organization;

import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a workspace admin gives to create an organization. The domain (cryptogen's: CAs are
 * ca.<domain> and tlsca.<domain>) defaults to {@code <name>.<workspace>.baas}. With
 * {@code rootCa}, both CAs are intermediates under that imported root instead of self-signed roots.
 * With {@code caMode} External, the organization uses its existing Fabric CA ({@code externalCa})
 * instead of CAs of the platform's own.
 */
public record NewOrganization(
        @DnsLabel String name,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String mspId,
        @Pattern(regexp = "([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", message = "must be a lower-case DNS name")
        @Size(max = 200) String domain,
        @Size(max = 128) String displayName,
        @Valid ImportedRoot rootCa,
        @Pattern(regexp = "BuiltIn|External", message = "must be BuiltIn or External") String caMode,
        @Valid ExternalCa externalCa) {

    public boolean external() {
        return "External".equals(caMode);
    }

    /**
     * An existing Fabric CA: its URL, the PEM certificate its TLS server certificate chains to, the
     * CA names on the server (optional; {@code tlsCaName} when TLS certificates come from a CA of
     * their own), the affiliation to register identities under, and a registrar's enrollment ID and
     * secret. The platform enrolls the registrar once and keeps its key, never the secret.
     */
    public record ExternalCa(
            @NotNull @Size(max = 2048) @Pattern(regexp = "https://[^\\s/?#]+/?", message = "must be https://host[:port]") String url,
            @NotNull @Size(max = 65536) String tlsCertificate,
            @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'") String caName,
            @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'") String tlsCaName,
            @Size(max = 256) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'") String affiliation,
            @NotNull @Size(min = 1, max = 256) String registrarId,
            @NotNull @Size(min = 1, max = 1024) String registrarSecret) {

        @Override
        public String toString() {
            return "ExternalCa[" + url + ", registrar=" + registrarId + ", registrarSecret redacted]";
        }
    }

    /** An existing root (the organization's corporate PKI): its certificate chain and private key, PEM. */
    public record ImportedRoot(@NotNull @Size(max = 65536) String certificate, @NotNull @Size(max = 16384) String privateKey) {

        @Override
        public String toString() {
            return "ImportedRoot[certificate, privateKey redacted]";
        }
    }
}
