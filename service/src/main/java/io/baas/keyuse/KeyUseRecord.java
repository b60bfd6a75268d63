package io.baas.keyuse;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One use of a held private key (table key_use, migration V3). */
@Entity
@Table(name = "key_use")
public class KeyUseRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false)
    public String organization;

    @Column(nullable = false)
    public String identity;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String resource;

    public String detail;

    /** The API request that caused the use; null for a reconciler's own. */
    @Column(name = "request_id")
    public String requestId;

    /** The workspace that owned the organization when its key was used. */
    public String workspace;
}
