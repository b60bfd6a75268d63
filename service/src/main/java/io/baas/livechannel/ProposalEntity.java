package io.baas.livechannel;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A proposed config change of a channel (table channel_proposal, migration V7). */
@Entity
@Table(name = "channel_proposal")
public class ProposalEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String consortium;

    @Column(name = "channel_namespace")
    public String channelNamespace;

    @Column(name = "channel_name")
    public String channelName;

    @Column(name = "channel_uid")
    public String channelUid;

    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "proposed_by")
    public String proposedBy;

    @Enumerated(EnumType.STRING)
    public ProposalKind kind;

    public String summary;

    public String changes;

    @Column(name = "spec_after")
    public String specAfter;

    @Column(name = "base_sequence")
    public long baseSequence;

    public byte[] config;

    @Column(name = "config_update")
    public byte[] configUpdate;

    @Enumerated(EnumType.STRING)
    public ProposalState state;

    @Column(name = "state_reason")
    public String stateReason;

    @Column(name = "submitted_sequence")
    public Long submittedSequence;

    @Column(name = "submitting_since")
    public OffsetDateTime submittingSince;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
