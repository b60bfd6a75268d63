package io.baas.organization;

import io.baas.k8s.DnsLabel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An identity to issue through the API: users, clients and admins (nodes get theirs from the reconcilers). */
public record NewIdentity(
        @DnsLabel String name,
        @NotNull @Pattern(regexp = "user|client|admin", message = "must be user, client or admin") String role) {
}
