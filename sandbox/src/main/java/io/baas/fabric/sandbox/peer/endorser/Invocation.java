package io.baas.fabric.sandbox.peer.endorser;

import io.baas.fabric.sandbox.peer.channel.PeerChannel;
import io.baas.fabric.sandbox.peer.ledger.TxSimulator;
import java.util.Optional;

/**
 * One chaincode execution for a validated proposal: the proposal, the channel (empty for a
 * channel-less proposal) and the simulator (absent where Fabric gives none: channel-less proposals,
 * cscc and qscc).
 */
public record Invocation(UnpackedProposal proposal, Optional<PeerChannel> channel, Optional<TxSimulator> simulator) {
}
