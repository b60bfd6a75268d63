package io.baas.livechannel;

/** Where a proposal stands; it leaves OPEN once. */
public enum ProposalState {
    /** Collecting decisions. */
    OPEN,
    /** Fully signed; its one submission to the orderer is under way. */
    SUBMITTING,
    /** Accepted by the orderer: the channel's config is the proposed one. */
    SUBMITTED,
    /** Refused by enough organizations that its policies can no longer be met. */
    REJECTED,
    /** Not decided in time. */
    EXPIRED,
    /** The channel's config moved on; the update no longer applies. */
    SUPERSEDED;

    boolean closed() {
        return this != OPEN && this != SUBMITTING;
    }
}
