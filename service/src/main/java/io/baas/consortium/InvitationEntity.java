package io.baas.consortium;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An organization invited into a consortium (table consortium_invitation, migration V5). */
@Entity
@Table(name = "consortium_invitation")
public class InvitationEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String consortium;

    @Column(name = "consortium_uid")
    public String consortiumUid;

    @Column(name = "inviting_workspace")
    public String invitingWorkspace;

    public String organization;

    @Column(name = "invited_workspace")
    public String invitedWorkspace;

    public Integer peers;

    public String message;

    @Enumerated(EnumType.STRING)
    public InvitationState state;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
