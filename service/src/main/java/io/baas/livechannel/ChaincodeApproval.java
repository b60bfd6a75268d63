package io.baas.livechannel;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * An organization's admin approving a chaincode definition for the organization: exactly the one
 * the approvals list shows (its sequence and definition hash), which the platform then approves
 * with the organization's held admin.
 */
public record ChaincodeApproval(
        @NotNull @Pattern(regexp = "^(?=.{1,63}$)[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$", message = "must be a chaincode name") String chaincode,
        @NotNull @Positive Long sequence,
        @NotNull @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be the definition hash the approvals list shows") String definitionHash) {
}
