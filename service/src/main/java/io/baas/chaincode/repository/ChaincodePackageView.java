package io.baas.chaincode.repository;

import java.util.List;

/**
 * A chaincode in the repository with its versions, newest upload first.
 *
 * @param platform true for the platform's packages (the built-ins), which every workspace sees
 * @param createTime when its first version was uploaded; null for a platform package
 * @param versions each version's name, state and package ID; read one for its report
 */
public record ChaincodePackageView(String name, boolean platform, String description, String language, java.time.OffsetDateTime createTime,
                                   List<VersionSummary> versions) {

    /** One version in a list. */
    public record VersionSummary(String version, String state, String packageId, boolean jarUploaded, String uploadedBy,
                                 java.time.OffsetDateTime uploadTime) {

        static VersionSummary of(PackageVersionView view) {
            return new VersionSummary(view.version(), view.state(), view.packageId(), view.jarUploaded(), view.uploadedBy(), view.uploadTime());
        }
    }
}
