package io.baas.chaincode.repository;

import java.time.OffsetDateTime;

/**
 * A chaincode version as the repository shows it.
 *
 * @param workspace   the workspace it was uploaded to; null for a platform package (the built-ins)
 * @param packageId   Fabric's package ID ({@code <label>:<hex SHA-256>}), what peers install
 * @param jarName     the jar the package names (sandbox.json), null when it names none
 * @param jarUploaded whether that jar is uploaded (the sandbox and host runtimes need it)
 * @param state       Submitted, Approved or Rejected
 */
public record PackageVersionView(String workspace, boolean platform, String name, String version, String description, String language,
                                 String label, String packageId, String sha256, long sizeBytes, String serverImage, String jarName,
                                 boolean jarUploaded, String state, String uploadedBy, OffsetDateTime uploadTime, String reviewedBy,
                                 OffsetDateTime reviewTime, String reviewComment, ReviewReport report) {

    static PackageVersionView of(PackageVersionEntity entity) {
        return new PackageVersionView(entity.workspace, false, entity.name, entity.version, entity.description, entity.language.label(),
                entity.label, entity.packageId, entity.sha256, entity.sizeBytes, entity.serverImage, entity.jarName, entity.jarUploaded,
                entity.state.label(), entity.uploadedBy, entity.uploadedAt, entity.reviewedBy, entity.reviewedAt, entity.reviewComment,
                Reviews.read(entity.report));
    }
}
