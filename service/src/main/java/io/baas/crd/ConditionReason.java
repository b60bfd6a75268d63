package io.baas.crd;

/**
 * Every reason a condition of ours can give, in one place, so programs (the console, alerts) can
 * rely on the words. A reason is written in CamelCase as Kubernetes API conventions want it
 * ({@link #word()}: {@code MSP_ID_TAKEN} is written {@code MspIdTaken}).
 */
public enum ConditionReason {

    // Shared by every kind
    /** Something the pass wrote or read failed without a reason of its own (an API server refusal, a timeout). */
    APPLY_FAILED,
    /** Another object already has the name one of ours needs. */
    NAME_TAKEN,
    ORGANIZATION_MISSING,
    CA_MISSING,
    /** The use of a held admin key could not be put on record, so the key was not used. */
    KEY_USE_NOT_RECORDED,

    // Organization
    CAS_READY,
    MSP_ID_TAKEN,
    EXTERNAL_CA_NOT_ENROLLED,
    /** Deleted, but a consortium still lists it as a member. */
    IN_USE,

    // Consortium
    NAMESPACES_READY,
    RESERVED_NAMESPACE,
    NAMESPACE_CONFLICT,
    ORDERING_ORGANIZATION_NOT_MEMBER,
    ORDERERS_IN_USE,
    NODES_STOPPING,
    /** The node runtime cannot run any node (the host runtime without a usable Fabric release). */
    RUNTIME_UNAVAILABLE,

    // Peers and orderers
    NODE_RUNNING,
    POD_STARTING,
    ORGANIZATION_MISMATCH,
    IDENTITY_NOT_ISSUED,
    STORAGE_AS_REQUESTED,
    /** More than one of the storage refusals below at once. */
    STORAGE_UNCHANGEABLE,
    SHRINK_REFUSED,
    STORAGE_CLASS_UNCHANGEABLE,
    EXPANSION_NOT_ALLOWED,
    CLAIM_TEMPLATE_ADDED,

    // Channel
    CHANNEL_READY,
    JOINING_PEERS,
    ORDERERS_NOT_READY,
    ANCHOR_PEERS_NOT_READY,
    CONSORTIUM_MISSING,
    NOT_A_MEMBER,
    NO_ORDERERS,
    ORDERER_REFUSED,
    ORDERER_UNAVAILABLE,
    PEER_REFUSED,
    GENESIS_CORRUPT,
    GENESIS_MISMATCH,
    INVALID_CHANNEL,
    /** The change needs other organizations' signatures: a proposal, not the platform alone. */
    PROPOSAL_REQUIRED,
    /** The explorer found a block that does not continue the verified chain (ExplorerDegraded True); its index of the channel stopped there. */
    CHAIN_BROKEN,
    /** The explorer's index follows the verified chain again (ExplorerDegraded False), after a re-index. */
    CHAIN_VERIFIED,

    // Chaincode
    COMMITTED,
    SERVERS_RUNNING,
    SERVERS_STARTING,
    PEERS_NOT_RUNNING,
    APPROVAL_CONSENT_REQUIRED,
    PACKAGE_MISSING,
    PACKAGE_NOT_RUNNABLE,
    CHANNEL_MISSING,
    NAMESPACE_MISSING,
    LIFECYCLE_FAILED,
    INVALID_COLLECTIONS;

    private final String word = CamelCase.of(this);

    /** The reason as a condition writes it: CamelCase. */
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
