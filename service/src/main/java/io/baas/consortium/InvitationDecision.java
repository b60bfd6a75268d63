package io.baas.consortium;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The invited workspace's answer: Accept or Reject. */
public record InvitationDecision(
        @NotNull @Pattern(regexp = "Accept|Reject", message = "must be Accept or Reject") String decision) {

    public boolean accepted() {
        return "Accept".equals(decision);
    }
}
