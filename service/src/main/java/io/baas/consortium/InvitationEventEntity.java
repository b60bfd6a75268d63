package io.baas.consortium;

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
import java.util.UUID;

/** One step in an invitation's history (table consortium_invitation_event, migration V5). */
@Entity
@Table(name = "consortium_invitation_event")
public class InvitationEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "invitation_id")
    public UUID invitationId;

    @Enumerated(EnumType.STRING)
    public InvitationAction action;

    public String actor;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    static InvitationEventEntity of(UUID invitation, InvitationAction action, String actor, OffsetDateTime at) {
        InvitationEventEntity event = new InvitationEventEntity();
        event.invitationId = invitation;
        event.action = action;
        event.actor = actor;
        event.occurredAt = at;
        return event;
    }
}
