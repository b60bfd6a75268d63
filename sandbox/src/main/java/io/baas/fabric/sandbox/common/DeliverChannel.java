package io.baas.fabric.sandbox.common;

/**
 * What a Deliver request needs of a channel, on the orderer and on the peer alike: its blocks, and
 * whether the requester may read them under the channel's current config.
 */
public interface DeliverChannel {

    BlockStore ledger();

    /** The config sequence: access is judged again only when it moves. */
    long configSequence();

    /** Whether the request's signer satisfies the channel's read policy (/Channel/Readers on the orderer, the peer's event ACL). */
    boolean mayRead(ParsedEnvelope request);
}
