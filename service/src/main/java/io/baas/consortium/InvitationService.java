package io.baas.consortium;

import io.baas.config.BaasConfig;
import io.baas.crd.Consortium;
import io.baas.crd.Organization;
import io.baas.error.DomainException;
import io.baas.error.FieldError;
import io.baas.iam.Caller;
import io.baas.k8s.build.ConsortiumNamespaces;
import io.baas.store.Db;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Invitations into a consortium (邀请): its leader's workspace invites an organization of another
 * workspace; that workspace accepts or rejects, once, before the invitation expires; the leader may
 * withdraw it while it is pending. Accepting makes the organization a member of the Consortium
 * resource, and the reconciler makes its namespace and peers.
 *
 * <p>An invitation is found by its id and by the workspace asking: only the two workspaces it
 * joins see it (anyone else gets 404, as for something that does not exist). Every change of state
 * is a conditional update, so of two decisions racing one wins and the other gets 409.
 */
@ApplicationScoped
public class InvitationService {

    private static final Logger LOG = Logger.getLogger(InvitationService.class);
    /** Who expires an invitation: nobody asked, time ran out. */
    static final String SYSTEM = "system:baas";
    private static final int EDIT_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final BaasConfig config;
    private final Clock clock = Clock.systemUTC();

    InvitationService(KubernetesClient client, BaasConfig config) {
        this.client = client;
        this.config = config;
    }

    /** The leader's workspace invites an organization of another workspace into its consortium. */
    public InvitationView invite(String workspace, NewInvitation request, Caller caller) {
        Consortium consortium = visibleConsortium(workspace, request.consortium());
        if (consortium.getSpec().leader == null || !workspace.equals(consortium.getSpec().leader.workspace)) {
            throw DomainException.forbidden("Only the workspace of consortium " + consortium.getMetadata().getName()
                    + "'s leader invites organizations into it.");
        }
        requireOrganizationOf(request.workspace(), request.organization());
        if (consortium.getSpec().members.stream().anyMatch(m -> request.organization().equals(m.organization))) {
            throw DomainException.conflict("Organization " + request.organization() + " is already a member of consortium "
                    + consortium.getMetadata().getName() + ".");
        }
        String refusal = ConsortiumNamespaces.refusal(withMember(consortium, request.organization(), request.workspace(), null));
        if (refusal != null) {
            throw DomainException.invalid(refusal + ".", List.of(new FieldError("body.organization",
                    "cannot become a member of this consortium: its namespace would be refused")));
        }
        OffsetDateTime now = now();
        InvitationEntity invitation = new InvitationEntity();
        invitation.id = UUID.randomUUID();
        invitation.consortium = consortium.getMetadata().getName();
        invitation.consortiumUid = consortium.getMetadata().getUid();
        invitation.invitingWorkspace = workspace;
        invitation.organization = request.organization();
        invitation.invitedWorkspace = request.workspace();
        invitation.peers = request.peers();
        invitation.message = request.message();
        invitation.state = InvitationState.PENDING;
        invitation.createdBy = caller.username();
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(config.consortia().invitationTtl());
        expireOverdue(invitation.consortiumUid, invitation.organization, now);
        if (!insert(invitation)) {
            throw DomainException.conflict("Organization " + request.organization() + " already has an open invitation into consortium "
                    + consortium.getMetadata().getName() + ".");
        }
        Db.inTransaction(() -> InvitationEventEntity.of(invitation.id, InvitationAction.INVITED, caller.username(), now).persist());
        LOG.infof("%s invited organization %s (workspace %s) into consortium %s.", caller.username(), invitation.organization,
                invitation.invitedWorkspace, invitation.consortium);
        return get(workspace, invitation.id.toString());
    }

    /** The invitations the workspace sent or received, newest first. */
    public List<InvitationView> list(String workspace) {
        List<InvitationEntity> invitations = Db.read(() -> InvitationEntity.<InvitationEntity>list(
                "invitingWorkspace = ?1 or invitedWorkspace = ?1 order by createdAt desc", workspace));
        return views(workspace, invitations);
    }

    public InvitationView get(String workspace, String id) {
        return views(workspace, List.of(find(workspace, id))).get(0);
    }

    /** The invited workspace's answer; accepting adds the organization to the consortium. */
    public InvitationView decide(String workspace, String id, InvitationDecision decision, Caller caller) {
        InvitationEntity invitation = find(workspace, id);
        if (!workspace.equals(invitation.invitedWorkspace)) {
            throw DomainException.forbidden("Only workspace " + invitation.invitedWorkspace + ", which was invited, decides.");
        }
        if (decision.accepted()) {
            accept(invitation, caller);
        } else {
            transition(invitation, InvitationState.REJECTED, InvitationAction.REJECTED, caller.username());
        }
        return get(workspace, id);
    }

    /** The leader's workspace takes back an invitation no one has decided yet. */
    public InvitationView withdraw(String workspace, String id, Caller caller) {
        InvitationEntity invitation = find(workspace, id);
        if (!workspace.equals(invitation.invitingWorkspace)) {
            throw DomainException.forbidden("Only workspace " + invitation.invitingWorkspace + ", which sent it, withdraws an invitation.");
        }
        transition(invitation, InvitationState.WITHDRAWN, InvitationAction.WITHDRAWN, caller.username());
        return get(workspace, id);
    }

    /** Withdraws every pending invitation into the consortium (it is being deleted); they stay on record. */
    void withdrawOpen(String consortiumUid, Caller caller) {
        OffsetDateTime now = now();
        List<InvitationEntity> open = Db.read(() -> InvitationEntity.<InvitationEntity>list(
                "consortiumUid = ?1 and state = ?2 and expiresAt > ?3", consortiumUid, InvitationState.PENDING, now));
        for (InvitationEntity invitation : open) {
            record(invitation.id, InvitationState.WITHDRAWN, InvitationAction.WITHDRAWN, caller.username(), now, "expiresAt > ?3");
        }
    }

    /**
     * Claims the decision (PENDING to ACCEPTING; an ACCEPTING one again, should an earlier accept
     * have stopped halfway), adds the member, then records ACCEPTED. A failure to add the member
     * gives the invitation back (PENDING) and says why.
     */
    private void accept(InvitationEntity invitation, Caller caller) {
        OffsetDateTime now = now();
        int claimed = Db.inTransaction(() -> InvitationEntity.update(
                "state = ?1 where id = ?2 and ((state = ?3 and expiresAt > ?4) or state = ?1)",
                InvitationState.ACCEPTING, invitation.id, InvitationState.PENDING, now));
        if (claimed == 0) {
            throw closed(reload(invitation.id), now);
        }
        try {
            requireOrganizationOf(invitation.invitedWorkspace, invitation.organization);
            addMember(invitation);
        } catch (RuntimeException e) {
            Db.inTransaction(() -> InvitationEntity.update("state = ?1 where id = ?2 and state = ?3",
                    InvitationState.PENDING, invitation.id, InvitationState.ACCEPTING));
            throw e;
        }
        Db.inTransaction(() -> InvitationEntity.update("state = ?1, decidedBy = ?2, decidedAt = ?3 where id = ?4 and state = ?5",
                        InvitationState.ACCEPTED, caller.username(), now, invitation.id, InvitationState.ACCEPTING)
                .chain(() -> InvitationEventEntity.of(invitation.id, InvitationAction.ACCEPTED, caller.username(), now).persist()));
        LOG.infof("%s accepted the invitation of organization %s into consortium %s.", caller.username(), invitation.organization,
                invitation.consortium);
    }

    /** A pending, unexpired invitation to a final state, with its history; 409 when it is no longer pending. */
    private void transition(InvitationEntity invitation, InvitationState to, InvitationAction action, String actor) {
        OffsetDateTime now = now();
        if (!record(invitation.id, to, action, actor, now, "expiresAt > ?3")) {
            throw closed(reload(invitation.id), now);
        }
    }

    /** Why an invitation can no longer be decided. */
    private static DomainException closed(InvitationEntity invitation, OffsetDateTime now) {
        InvitationState state = effectiveState(invitation, now);
        if (state == InvitationState.ACCEPTING) {
            return DomainException.conflict("The invitation is being accepted.");
        }
        return DomainException.conflict("The invitation is " + state.name().toLowerCase(java.util.Locale.ROOT)
                + (state == InvitationState.EXPIRED ? " (since " + invitation.expiresAt.toInstant() + ")" : "")
                + ": it can no longer be decided or withdrawn.");
    }

    /**
     * Adds the organization to the consortium it was invited into (the same one: same uid), as the
     * workspace that owns it; nothing when it already is a member. Updates on the version read, so
     * a concurrent change of the consortium is read again, never overwritten.
     */
    private void addMember(InvitationEntity invitation) {
        for (int attempt = 1; attempt <= EDIT_ATTEMPTS; attempt++) {
            Consortium consortium = client.resources(Consortium.class).withName(invitation.consortium).get();
            if (consortium == null || !Objects.equals(consortium.getMetadata().getUid(), invitation.consortiumUid)) {
                throw DomainException.conflict("Consortium " + invitation.consortium + " no longer exists.");
            }
            if (consortium.getMetadata().getDeletionTimestamp() != null) {
                throw DomainException.conflict("Consortium " + invitation.consortium + " is being deleted.");
            }
            if (consortium.getSpec().members.stream().anyMatch(m -> invitation.organization.equals(m.organization))) {
                return;
            }
            Consortium next = withMember(consortium, invitation.organization, invitation.invitedWorkspace,
                    invitation.peers != null ? invitation.peers : leaderPeers(consortium));
            try {
                client.resources(Consortium.class).resource(next).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        throw DomainException.conflict("Consortium " + invitation.consortium + " kept changing; accept again.");
    }

    private static Integer leaderPeers(Consortium consortium) {
        String leader = consortium.getSpec().leader == null ? null : consortium.getSpec().leader.organization;
        return consortium.getSpec().members.stream().filter(m -> Objects.equals(leader, m.organization))
                .map(m -> m.peers).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** A copy of the consortium (same version) with one more member. */
    private static Consortium withMember(Consortium consortium, String organization, String workspace, Integer peers) {
        Consortium copy = io.fabric8.kubernetes.client.utils.Serialization.clone(consortium);
        Consortium.Member member = new Consortium.Member(organization, workspace);
        member.peers = peers;
        copy.getSpec().members = new ArrayList<>(copy.getSpec().members);
        copy.getSpec().members.add(member);
        return copy;
    }

    /** The consortium, if the workspace may know of it (it leads it or one of its organizations is a member); 404 otherwise. */
    private Consortium visibleConsortium(String workspace, String name) {
        Consortium consortium = client.resources(Consortium.class).withName(name).get();
        if (consortium == null || consortium.getSpec() == null || !consortium.involvesWorkspace(workspace)) {
            throw DomainException.notFound("Consortium " + name + " does not exist.");
        }
        return consortium;
    }

    private void requireOrganizationOf(String workspace, String name) {
        Organization organization = client.resources(Organization.class).withName(name).get();
        if (organization == null || organization.getSpec() == null || !workspace.equals(organization.getSpec().workspace)
                || organization.getMetadata().getDeletionTimestamp() != null) {
            throw DomainException.notFound("Workspace " + workspace + " has no organization " + name + ".");
        }
    }

    /** The invitation, if this workspace sent or received it; 404 for anything else, a malformed id included. */
    private InvitationEntity find(String workspace, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("Invitation " + id + " does not exist.");
        }
        InvitationEntity invitation = Db.read(() -> InvitationEntity.<InvitationEntity>findById(uuid));
        if (invitation == null || !(workspace.equals(invitation.invitingWorkspace) || workspace.equals(invitation.invitedWorkspace))) {
            throw DomainException.notFound("Invitation " + id + " does not exist.");
        }
        return invitation;
    }

    private static InvitationEntity reload(UUID id) {
        return Db.read(() -> InvitationEntity.<InvitationEntity>findById(id));
    }

    /** Records the expiry of a pending invitation of this organization into this consortium whose time ran out, freeing the pair. */
    private static void expireOverdue(String consortiumUid, String organization, OffsetDateTime now) {
        List<InvitationEntity> overdue = Db.read(() -> InvitationEntity.<InvitationEntity>list(
                "consortiumUid = ?1 and organization = ?2 and state = ?3 and expiresAt <= ?4",
                consortiumUid, organization, InvitationState.PENDING, now));
        for (InvitationEntity invitation : overdue) {
            record(invitation.id, InvitationState.EXPIRED, InvitationAction.EXPIRED, SYSTEM, now, "expiresAt <= ?3");
        }
    }

    /**
     * Moves a pending invitation to a final state and writes its history entry, in one transaction;
     * {@code timeCondition} says whether it must still be running ({@code expiresAt > ?3}) or have
     * run out. Answers whether it moved (false: it was not pending, or the time condition failed).
     */
    private static boolean record(UUID id, InvitationState to, InvitationAction action, String actor, OffsetDateTime now,
                                  String timeCondition) {
        int changed = Db.inTransaction(() -> InvitationEntity.update(
                        "state = ?1, decidedBy = ?2, decidedAt = ?3 where id = ?4 and state = ?5 and " + timeCondition,
                        to, actor, now, id, InvitationState.PENDING)
                .call(count -> count == 1 ? InvitationEventEntity.of(id, action, actor, now).persist()
                        : Uni.createFrom().nullItem()));
        return changed == 1;
    }

    /** Inserts unless the organization already has an open invitation into the consortium (the partial unique index). */
    private static boolean insert(InvitationEntity invitation) {
        int inserted = Db.inTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO consortium_invitation (id, consortium, consortium_uid, inviting_workspace, organization,"
                        + " invited_workspace, peers, message, state, created_by, created_at, expires_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING")
                .setParameter(1, invitation.id).setParameter(2, invitation.consortium).setParameter(3, invitation.consortiumUid)
                .setParameter(4, invitation.invitingWorkspace).setParameter(5, invitation.organization)
                .setParameter(6, invitation.invitedWorkspace).setParameter(7, invitation.peers).setParameter(8, invitation.message)
                .setParameter(9, invitation.state.name()).setParameter(10, invitation.createdBy)
                .setParameter(11, invitation.createdAt).setParameter(12, invitation.expiresAt)
                .executeUpdate()));
        return inserted == 1;
    }

    private List<InvitationView> views(String workspace, List<InvitationEntity> invitations) {
        if (invitations.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = invitations.stream().map(i -> i.id).toList();
        Map<UUID, List<InvitationView.Event>> history = Db.read(() -> InvitationEventEntity.<InvitationEventEntity>list(
                        "invitationId in ?1 order by occurredAt, id", ids))
                .stream().collect(Collectors.groupingBy(e -> e.invitationId, Collectors.mapping(
                        e -> new InvitationView.Event(InvitationView.word(e.action), e.actor, e.occurredAt.toInstant().toString()),
                        Collectors.toList())));
        OffsetDateTime now = now();
        return invitations.stream()
                .map(i -> InvitationView.of(i, workspace, effectiveState(i, now), history.getOrDefault(i.id, List.of())))
                .toList();
    }

    /** A pending invitation whose time ran out is expired, whether or not that has been recorded yet. */
    static InvitationState effectiveState(InvitationEntity invitation, OffsetDateTime now) {
        return invitation.state == InvitationState.PENDING && !invitation.expiresAt.isAfter(now) ? InvitationState.EXPIRED : invitation.state;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
