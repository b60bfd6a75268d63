package io.baas.chaincode.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A chaincode version in a workspace's repository, without its bytes (table chaincode_package_version, migration V8). */
@Entity
@Table(name = "chaincode_package_version")
public class PackageVersionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String workspace;

    public String name;

    public String version;

    public String description;

    @Enumerated(EnumType.STRING)
    public ChaincodeLanguage language;

    public String label;

    @Column(name = "package_id")
    public String packageId;

    public String sha256;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "server_image")
    public String serverImage;

    @Column(name = "jar_name")
    public String jarName;

    @Column(name = "jar_sha256")
    public String jarSha256;

    @Column(name = "jar_uploaded")
    public boolean jarUploaded;

    /** The review report as JSON ({@link ReviewReport}). */
    public String report;

    @Enumerated(EnumType.STRING)
    public ReviewState state;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "uploaded_at")
    public OffsetDateTime uploadedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "review_comment")
    public String reviewComment;
}
