package io.baas.explorer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A channel of a Fabric 2.5 network outside the platform, to be browsed: its peers (address and
 * TLS CA), a member identity that may read it (certificate and PKCS#8 private key, kept in a
 * Secret of the service's namespace, never in PostgreSQL), and the config block the index's trust
 * starts from (base64 of a block the admin obtained out of band, such as the channel's genesis).
 */
public record NewExternalChannel(
        @NotNull @Pattern(regexp = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", message = "must be a DNS label") String name,
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9.-]{0,248}$", message = "must be a Fabric channel ID") String channelId,
        @NotNull @Size(min = 1, max = 255) String mspId,
        @NotNull @Size(min = 1, max = 16384) String certificate,
        @NotNull @Size(min = 1, max = 16384) String privateKey,
        @NotEmpty @Size(max = 16) List<@Valid @NotNull Peer> peers,
        @NotNull @Size(min = 1, max = 104_857_600) String trustedBlock) {

    /** A peer of the channel: {@code host:port} of its gRPC endpoint and the PEM CA its TLS certificate chains to. */
    public record Peer(
            @NotNull @Pattern(regexp = "^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$", message = "must be host:port") String address,
            @NotNull @Size(min = 1, max = 16384) String tlsCaCertificate) {
    }
}
