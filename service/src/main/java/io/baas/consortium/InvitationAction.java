package io.baas.consortium;

/** What happened to an invitation, as its history records it. */
public enum InvitationAction {
    INVITED, ACCEPTED, REJECTED, WITHDRAWN, EXPIRED
}
