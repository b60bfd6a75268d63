package io.baas.organization;

import io.baas.api.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a workspace admin gives to create an organization. The domain (cryptogen's: CAs are
 * ca.<domain> and tlsca.<domain>) defaults to {@code <name>.<workspace>.baas}. With
 * {@code rootCa}, both CAs are intermediates under that imported root instead of self-signed roots.
 */
public record NewOrganization(
        @DnsLabel String name,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String mspId,
        @Pattern(regexp = "([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", message = "must be a lower-case DNS name")
        @Size(max = 200) String domain,
        @Size(max = 128) String displayName,
        @Valid ImportedRoot rootCa) {

    /** An existing root (the organization's corporate PKI): its certificate chain and private key, PEM. */
    public record ImportedRoot(@NotNull @Size(max = 65536) String certificate, @NotNull @Size(max = 16384) String privateKey) {

        @Override
        public String toString() {
            return "ImportedRoot[certificate, privateKey redacted]";
        }
    }
}
