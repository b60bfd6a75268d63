package io.baas.chaincode.repository;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A reviewer's decision on one version of a chaincode (合约审计).
 *
 * @param decision Approve or Reject
 * @param comment  why; required to reject, so the uploader learns what to change
 */
public record ReviewDecision(
        @NotNull @Pattern(regexp = NewPackageVersion.VERSION, message = "must be a version of the chaincode") String version,
        @NotNull @Pattern(regexp = "^(Approve|Reject)$", message = "must be Approve or Reject") String decision,
        @Size(max = 2000) String comment) {

    boolean approves() {
        return "Approve".equals(decision);
    }
}
