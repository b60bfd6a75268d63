package io.baas.consortium;

import io.baas.k8s.DnsLabel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A channel the consortium's leader creates: its name (also its Fabric channel ID), the member
 * organizations on it, and optionally how blocks are cut and policies that replace or add to
 * configtxgen's defaults (configtx.yaml rule text by path, e.g. Application/Endorsement: ANY Endorsement).
 */
public record NewChannel(
        @DnsLabel String name,
        @NotEmpty List<@DnsLabel String> organizations,
        @Valid BlockCutting batch,
        @Size(max = 20) Map<@Pattern(regexp = POLICY_PATH, message = POLICY_PATH_MESSAGE) String,
                @NotNull @Size(min = 1, max = 1000) String> policies,
        @Valid CapabilityLevels capabilities) {

    /** A policy's path in the channel config, as Channel spec.policies names it. */
    public static final String POLICY_PATH = "^(Channel|Orderer|Application)/[A-Za-z][A-Za-z0-9_-]{0,63}$";
    public static final String POLICY_PATH_MESSAGE = "must be Channel/<name>, Orderer/<name> or Application/<name>";

    /** Capability levels, each optional (Fabric 2.5's highest otherwise). */
    public record CapabilityLevels(
            @Pattern(regexp = "V2_0", message = "must be V2_0") String channel,
            @Pattern(regexp = "V2_0", message = "must be V2_0") String orderer,
            @Pattern(regexp = "V2_0|V2_5", message = "must be V2_0 or V2_5") String application) {
    }

    /** Fabric's BatchTimeout and BatchSize, each optional. */
    public record BlockCutting(
            @Pattern(regexp = "^[0-9]+(ms|s|m)$", message = "must be a duration such as 2s, 500ms or 1m") String timeout,
            @Min(1) @Max(10000) Integer maxMessageCount,
            @Min(1024) Long absoluteMaxBytes,
            @Min(1024) Long preferredMaxBytes) {
    }
}
