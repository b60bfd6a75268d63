package io.baas.consortium;

import io.baas.k8s.DnsLabel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A consortium a workspace forms, led by one of its organizations, which also runs the ordering
 * service. Unset: the platform's Fabric release and StorageClass, 3 orderers, 1 peer per member.
 */
public record NewConsortium(
        @DnsLabel String name,
        @Size(max = 253) String displayName,
        @DnsLabel String organization,
        @Pattern(regexp = "[0-9]+\\.[0-9]+(\\.[0-9]+)?", message = "must be a Fabric release such as 2.5.5") String fabricVersion,
        @Min(1) @Max(7) Integer orderers,
        @Pattern(regexp = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?", message = "must be a StorageClass name") String storageClassName,
        @Min(0) @Max(8) Integer peersPerMember) {
}
