package io.baas.keyuse;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An organization admin's consent to one use of the organization's held admin key (table key_use_consent, migration V3). */
@Entity
@Table(name = "key_use_consent")
public class ConsentRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String organization;

    /** approve-chaincode. */
    public String action;

    public String channel;

    public String chaincode;

    public long sequence;

    @Column(name = "definition_hash")
    public String definitionHash;

    @Column(name = "granted_by")
    public String grantedBy;

    @Column(name = "granted_at")
    public OffsetDateTime grantedAt;
}
