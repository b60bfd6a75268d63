package io.baas.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One mutating call on the API, as the audit log keeps it (table audit_log, migration V1). */
@Entity
@Table(name = "audit_log")
public class AuditRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    public String username;

    @Column(nullable = false)
    public String verb;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public String path;

    @Column(nullable = false)
    public String scope;

    public String workspace;

    public String namespace;

    public String resource;

    public String subresource;

    public String name;

    @Column(nullable = false)
    public int status;

    @Column(name = "source_ip")
    public String sourceIp;

    @Column(name = "request_id")
    public String requestId;

    /** The organization the call acted on, when its path names one. */
    public String organization;
}
