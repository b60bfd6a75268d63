package io.baas.consortium;

import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * A channel the consortium's leader creates: its name (also its Fabric channel ID), the member
 * organizations on it, and optionally how blocks are cut (Fabric's defaults otherwise).
 */
public record NewChannel(
        @DnsLabel String name,
        @NotEmpty List<@DnsLabel String> organizations,
        @Valid BlockCutting batch) {

    /** Fabric's BatchTimeout and BatchSize, each optional. */
    public record BlockCutting(
            @Pattern(regexp = "^[0-9]+(ms|s|m)$", message = "must be a duration such as 2s, 500ms or 1m") String timeout,
            @Min(1) @Max(10000) Integer maxMessageCount,
            @Min(1024) Long absoluteMaxBytes,
            @Min(1024) Long preferredMaxBytes) {
    }
}
