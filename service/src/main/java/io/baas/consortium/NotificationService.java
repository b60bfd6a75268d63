package io.baas.consortium;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What awaits a workspace: today the invitations it received that are still pending (expired ones
 * drop out as they expire), newest first.
 */
@ApplicationScoped
public class NotificationService {

    static final String INVITATION = "Invitation";
    private static final String PENDING = InvitationView.word(InvitationState.PENDING);

    private final InvitationService invitations;

    NotificationService(InvitationService invitations) {
        this.invitations = invitations;
    }

    public List<Notification> awaiting(String workspace) {
        return invitations.list(workspace).stream()
                .filter(i -> i.direction().equals(InvitationView.RECEIVED) && i.state().equals(PENDING))
                .map(i -> new Notification(INVITATION, i.id(), i.consortium(), i.organization(),
                        i.invitingWorkspace() + " invites " + i.organization() + " into consortium " + i.consortium() + ".",
                        "/workspaces/" + workspace + "/invitations/" + i.id(), i.createTime(), i.expireTime()))
                .toList();
    }
}
