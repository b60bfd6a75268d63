package io.baas.organization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An organization name and MSP ID claimed by one create (table organization_claim, migration V3). */
@Entity
@Table(name = "organization_claim")
public class ClaimEntity extends PanacheEntityBase {

    static final String PENDING = "PENDING";
    static final String BOUND = "BOUND";

    @Id
    public String name;

    @Column(name = "msp_id")
    public String mspId;

    public String workspace;

    @Column(name = "request_id")
    public String requestId;

    /** The service instance that ran the request. */
    public String holder;

    /** PENDING while the create runs, BOUND once its Organization exists. */
    public String state;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;
}
