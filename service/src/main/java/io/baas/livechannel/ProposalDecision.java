package io.baas.livechannel;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An organization's decision on a proposal, made from its own consortium namespace: {@code Sign}
 * (the default) with its platform-held admin identity, or with {@code signedUpdate}, the pending
 * update file as the CLI's {@code channel update sign} leaves it (its own admin signed it
 * elsewhere); or {@code Reject}, with an optional {@code reason}.
 */
public record ProposalDecision(
        @NotNull @Pattern(regexp = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", message = "must be a proposal ID") String proposal,
        @Pattern(regexp = "Sign|Reject", message = "must be Sign or Reject") String decision,
        JsonNode signedUpdate,
        @Size(max = 1000) String reason) {

    boolean rejects() {
        return "Reject".equals(decision);
    }
}
