package io.baas.livechannel;

import io.baas.consortium.NewChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A change of a channel that needs the members' signatures: {@code AddOrganization} or
 * {@code RemoveOrganization} (with {@code organization}), {@code Batch} (with {@code batch}; fields
 * left out keep their value) or {@code Policies} (with {@code policies}: path such as
 * {@code Application/Endorsement} to configtx.yaml rule text, added to or replacing the channel's)
 * or {@code Capabilities} (with {@code capabilities}: levels to raise).
 */
public record NewProposal(
        @NotNull @Pattern(regexp = "AddOrganization|RemoveOrganization|Batch|Policies|Capabilities",
                message = "must be AddOrganization, RemoveOrganization, Batch, Policies or Capabilities") String kind,
        @Pattern(regexp = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", message = "must be an organization name (a DNS label)") String organization,
        @Valid NewChannel.BlockCutting batch,
        @Size(max = 20) Map<@Pattern(regexp = NewChannel.POLICY_PATH, message = NewChannel.POLICY_PATH_MESSAGE) String,
                @NotNull @Size(min = 1, max = 1000) String> policies,
        @Valid NewChannel.CapabilityLevels capabilities) {

    ProposalKind parsedKind() {
        return switch (kind) {
            case "AddOrganization" -> ProposalKind.ADD_ORGANIZATION;
            case "RemoveOrganization" -> ProposalKind.REMOVE_ORGANIZATION;
            case "Batch" -> ProposalKind.BATCH;
            case "Capabilities" -> ProposalKind.CAPABILITIES;
            default -> ProposalKind.POLICIES;
        };
    }
}
