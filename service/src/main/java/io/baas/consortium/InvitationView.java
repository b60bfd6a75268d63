package io.baas.consortium;

import io.baas.crd.CamelCase;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An invitation as either of its two workspaces sees it.
 *
 * @param direction Sent (the asking workspace invited) or Received (it was invited)
 * @param state Pending, Accepting, Accepted, Rejected, Withdrawn or Expired
 * @param history every step, oldest first
 */
public record InvitationView(String id, String consortium, String organization, String workspace, String invitingWorkspace,
                             String direction, Integer peers, String message, String state, String createdBy, String createTime,
                             String expireTime, String decidedBy, String decideTime, List<Event> history) {

    static final String SENT = "Sent";
    public static final String RECEIVED = "Received";

    /** One step: what, by whom, when. */
    public record Event(String action, String actor, String time) {
    }

    static InvitationView of(InvitationEntity invitation, String askingWorkspace, InvitationState state, List<Event> history) {
        return new InvitationView(invitation.id.toString(), invitation.consortium, invitation.organization, invitation.invitedWorkspace,
                invitation.invitingWorkspace, askingWorkspace.equals(invitation.invitingWorkspace) ? SENT : RECEIVED,
                invitation.peers, invitation.message, word(state), invitation.createdBy, instant(invitation.createdAt),
                instant(invitation.expiresAt), invitation.decidedBy, instant(invitation.decidedAt), List.copyOf(history));
    }

    public static String word(Enum<?> constant) {
        return CamelCase.of(constant);
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
