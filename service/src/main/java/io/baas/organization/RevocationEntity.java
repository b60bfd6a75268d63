package io.baas.organization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One revoked certificate of a platform-held identity (table identity_revocation, migration V2). */
@Entity
@Table(name = "identity_revocation")
public class RevocationEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String organization;

    public String identity;

    /** signing or tls. */
    public String purpose;

    @Column(name = "issuer_key_id")
    public String issuerKeyId;

    public String serial;

    @Column(name = "subject_key_id")
    public String subjectKeyId;

    public String reason;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;
}
