package io.baas.livechannel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One organization's decision on a proposal (table channel_proposal_decision, migration V7). */
@Entity
@Table(name = "channel_proposal_decision")
public class DecisionEntity extends PanacheEntityBase {

    static final String SIGNED = "SIGNED";
    static final String REJECTED = "REJECTED";
    static final String HELD_KEY = "HeldKey";
    static final String UPLOADED = "Uploaded";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "proposal_id")
    public UUID proposalId;

    public String organization;

    @Column(name = "msp_id")
    public String mspId;

    public String decision;

    public String method;

    public byte[] signature;

    public String reason;

    public String actor;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
