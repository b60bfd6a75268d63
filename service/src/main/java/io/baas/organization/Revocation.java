package io.baas.organization;

import io.baas.k8s.DnsLabel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A request to revoke an identity, with an RFC 5280 reason. */
public record Revocation(
        @DnsLabel String identity,
        @NotNull @Pattern(regexp = "UNSPECIFIED|KEY_COMPROMISE|CA_COMPROMISE|AFFILIATION_CHANGED|SUPERSEDED|CESSATION_OF_OPERATION|PRIVILEGE_WITHDRAWN",
                message = "must be an RFC 5280 reason such as KEY_COMPROMISE or SUPERSEDED") String reason) {
}
