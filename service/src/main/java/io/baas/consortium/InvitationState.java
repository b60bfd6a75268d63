package io.baas.consortium;

/**
 * Where an invitation stands. It leaves {@link #PENDING} once. {@link #ACCEPTING} is an acceptance
 * whose member is being added to the Consortium: a process that stops there leaves it for the
 * invited workspace to accept again (adding a member is idempotent), never for another decision.
 */
public enum InvitationState {
    PENDING, ACCEPTING, ACCEPTED, REJECTED, WITHDRAWN, EXPIRED;

    /** Still waiting for the invited workspace (an acceptance under way included). */
    public boolean open() {
        return this == PENDING || this == ACCEPTING;
    }
}
