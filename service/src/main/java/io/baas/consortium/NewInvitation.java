package io.baas.consortium;

import io.baas.k8s.DnsLabel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * An invitation into a consortium: which organization of which workspace, and optionally how many
 * peers the consortium runs for it (default: as many as for the leader) and a note for its admins.
 */
public record NewInvitation(
        @DnsLabel String consortium,
        @DnsLabel String organization,
        @DnsLabel String workspace,
        @Min(0) @Max(8) Integer peers,
        @Size(max = 500) String message) {
}
