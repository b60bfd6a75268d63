package io.baas.livechannel;

/** The changes of a channel that need more than one organization's signature. */
public enum ProposalKind {
    ADD_ORGANIZATION, REMOVE_ORGANIZATION, BATCH, POLICIES, CAPABILITIES
}
