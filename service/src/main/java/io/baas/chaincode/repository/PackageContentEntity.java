package io.baas.chaincode.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of a repository version: its package and its jar (table chaincode_package_content, migration V8). */
@Entity
@Table(name = "chaincode_package_content")
public class PackageContentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "version_id")
    public Long versionId;

    @Column(name = "package")
    public byte[] packageBytes;

    public byte[] jar;
}
